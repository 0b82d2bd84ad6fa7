package io.cascade.api.rules;

import io.cascade.engine.common.Caller;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.trigger.LeftOutAutomation;
import io.cascade.engine.trigger.RuleFailure;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.RuleStatus;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rule files serving now, and the automations the rules left out. System administrators also
 * see the last rejected change and the last rule that threw on an event, and every team's left-out
 * automations; everyone else sees their own teams' only.
 */
@RestController
class RulesController {

    private final RuleLoader rules;
    private final TriggerMatcher matcher;
    private final TeamAccess access;

    RulesController(RuleLoader rules, TriggerMatcher matcher, TeamAccess access) {
        this.rules = rules;
        this.matcher = matcher;
        this.access = access;
    }

    @GetMapping("/api/v1/rules")
    Rules rules(Caller caller) {
        RuleStatus status = rules.status();
        if (caller.systemAdmin()) {
            Optional<RuleFailure> failure = matcher.lastFailure();
            return new Rules(status.files(), status.loadedAt(), status.lastError(), status.lastErrorAt(),
                    failure.map(RuleFailure::failure).orElse(null), failure.map(RuleFailure::at).orElse(null),
                    matcher.leftOut());
        }
        Set<UUID> teams = access.teamIds(caller);
        List<LeftOutAutomation> own = matcher.leftOut().stream().filter(a -> teams.contains(a.teamId())).toList();
        return new Rules(status.files(), status.loadedAt(), null, null, null, null, own);
    }

    record Rules(List<RuleStatus.LoadedFile> files, Instant loadedAt, String lastError, Instant lastErrorAt,
                 String lastRuleFailure, Instant lastRuleFailureAt, List<LeftOutAutomation> leftOut) {
    }
}
