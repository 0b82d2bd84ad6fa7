package io.cascade.api.rules;

import io.cascade.engine.trigger.RuleFailure;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.RuleStatus;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rule files serving now, the last change that was rejected, and the last rule that threw on an event. */
@RestController
class RulesController {

    private final RuleLoader rules;
    private final TriggerMatcher matcher;

    RulesController(RuleLoader rules, TriggerMatcher matcher) {
        this.rules = rules;
        this.matcher = matcher;
    }

    @GetMapping("/api/v1/rules")
    Rules rules() {
        RuleStatus status = rules.status();
        Optional<RuleFailure> failure = matcher.lastFailure();
        return new Rules(status.files(), status.loadedAt(), status.lastError(), status.lastErrorAt(),
                failure.map(RuleFailure::failure).orElse(null), failure.map(RuleFailure::at).orElse(null));
    }

    record Rules(List<RuleStatus.LoadedFile> files, Instant loadedAt, String lastError, Instant lastErrorAt,
                 String lastRuleFailure, Instant lastRuleFailureAt) {
    }
}
