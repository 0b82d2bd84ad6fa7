package io.cascade.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.event.EventType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The matcher around the session, with one alias rule of its own (the shipped rules are tested in rules/). */
class TriggerMatcherTest {

    private static final String ALIAS_RULE = """
            package cascade.test;
            import io.cascade.engine.trigger.ArtifactEventFact;
            import io.cascade.engine.trigger.AutomationFact;
            global io.cascade.engine.trigger.MatchCollector matches;
            rule "alias"
            when
                $e : ArtifactEventFact()
                $a : AutomationFact( projectId == $e.projectId, acceptsAliasOf($e) )
            then
                matches.match($a, "alias");
            end
            """;

    private final UUID team = UUID.randomUUID();
    private final UUID project = UUID.randomUUID();
    private final TriggerMatcher matcher = new TriggerMatcher(
            RuleCompiler.compile(List.of(new RuleFile("alias.drl", "test", ALIAS_RULE))), new BotAccounts(Set.of()));

    @Test
    void anEventLeavesTheMatchItWasIn() {
        AutomationFact automation = new AutomationFact(UUID.randomUUID(), "deploy", team, project,
                EventType.ADD_ARTIFACT_ALIAS, null, "prod(uction)?", true, 1);
        matcher.put(automation);
        ArtifactEventFact event = new ArtifactEventFact(team, project, EventType.ADD_ARTIFACT_ALIAS, "model",
                "production", "alice");

        assertThat(matcher.match(event).fired()).extracting(TriggerMatch::automationId)
                .containsExactly(automation.getId());
        assertThat(event.matchStamp()).as("the event has left the match").isZero();
        assertThat(matcher.match(event).fired()).hasSize(1);
    }
}
