package io.cascade.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cascade.engine.event.EventType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AutomationFactTest {

    @Test
    void theAliasPatternMustMatchTheWholeAlias() {
        AutomationFact production = withPattern("prod(uction)?");

        assertThat(production.acceptsAlias("prod")).isTrue();
        assertThat(production.acceptsAlias("production")).isTrue();
        assertThat(production.acceptsAlias("production-eu")).isFalse();
        assertThat(production.acceptsAlias("pre-prod")).isFalse();
    }

    @Test
    void withoutAPatternAnyAliasIsAccepted() {
        assertThat(withPattern(null).acceptsAlias("latest")).isTrue();
        assertThat(withPattern(null).acceptsAlias(null)).isFalse();
    }

    @Test
    void aCatastrophicPatternGivesUpInsteadOfHoldingTheMatcher() {
        AutomationFact catastrophic = withPattern("(.*a){12}b");
        String alias = "a".repeat(64);

        boolean accepted = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catastrophic.acceptsAlias(alias));

        assertThat(accepted).isFalse();
    }

    @Test
    void aDemandingButSanePatternOnTheLongestAliasStillMatches() {
        AutomationFact fact = withPattern("([a-z]+-)*[a-z]+[0-9]*");

        assertThat(fact.acceptsAlias("a-".repeat(63) + "zz")).isTrue();
    }

    private static AutomationFact withPattern(String aliasPattern) {
        return new AutomationFact(UUID.randomUUID(), "deploy", UUID.randomUUID(), UUID.randomUUID(),
                EventType.ADD_ARTIFACT_ALIAS, null, aliasPattern, true, 1);
    }
}
