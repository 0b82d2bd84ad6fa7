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

    @Test
    void aPlainNamePatternAcceptsExactlyThatName() {
        AutomationFact production = withPattern("production");

        assertThat(production.acceptsAliasOf(aliasAdded("production"))).isTrue();
        assertThat(production.acceptsAliasOf(aliasAdded("production-eu"))).isFalse();
        assertThat(production.acceptsAliasOf(aliasAdded("Production"))).isFalse();
        assertThat(withPattern("v1.0").acceptsAliasOf(aliasAdded("v1x0"))).as("a dot is regex syntax").isTrue();
    }

    @Test
    void everyKindOfPatternGivesTheSameVerdictForAnEventAsForItsAlias() {
        String[] patterns = {null, "production", "prod(uction)?", "staging|canary", "v\\d+", "v1.0", "(.*a){12}b"};
        String[] aliases = {"production", "prod", "staging", "v7", "v1.0", "v1x0", "latest", "a".repeat(64)};
        for (String pattern : patterns) {
            for (String alias : aliases) {
                AutomationFact fact = withPattern(pattern);
                assertThat(fact.acceptsAliasOf(aliasAdded(alias))).as("%s on %s", pattern, alias)
                        .isEqualTo(fact.acceptsAlias(alias));
            }
        }
    }

    @Test
    void automationsWithTheSamePatternShareOneCompiledPattern() {
        assertThat(AliasPattern.of("prod(uction)?")).isSameAs(AliasPattern.of("prod(uction)?"));
        assertThat(AliasPattern.of("prod(uction)?")).isNotSameAs(AliasPattern.of("staging|canary"));
    }

    @Test
    void aRegexVerdictIsRememberedForTheMatchItWasReachedInOnly() {
        AliasPattern pattern = AliasPattern.of("prod(uction)?");
        long first = Long.MAX_VALUE >>> 2;
        ArtifactEventFact production = aliasAdded("production");
        production.enterMatch(first);

        assertThat(pattern.accepts(production)).isTrue();
        assertThat(pattern.verdictIn(first)).isTrue();

        ArtifactEventFact latest = aliasAdded("latest");
        latest.enterMatch(first + 1);
        assertThat(pattern.accepts(latest)).isFalse();
        assertThat(pattern.verdictIn(first + 1)).isFalse();
        assertThat(pattern.verdictIn(first)).isNull();
    }

    @Test
    void outsideAMatchAVerdictIsNeitherRememberedNorRead() {
        AliasPattern pattern = AliasPattern.of("v\\d+");
        long stamp = (Long.MAX_VALUE >>> 2) - 10;
        ArtifactEventFact latest = aliasAdded("latest");
        latest.enterMatch(stamp);
        assertThat(pattern.accepts(latest)).isFalse();

        assertThat(pattern.accepts(aliasAdded("v7"))).as("an event in no match").isTrue();
        assertThat(pattern.verdictIn(stamp)).as("still the verdict of the match").isFalse();
    }

    @Test
    void anAutomationOnVersionsAcceptsNoAlias() {
        AutomationFact onVersions = new AutomationFact(UUID.randomUUID(), "retrain", UUID.randomUUID(),
                UUID.randomUUID(), EventType.CREATE_ARTIFACT, "training-data", null, true, 1);

        assertThat(onVersions.acceptsAliasOf(aliasAdded("production"))).isFalse();
    }

    private static ArtifactEventFact aliasAdded(String alias) {
        return new ArtifactEventFact(UUID.randomUUID(), UUID.randomUUID(), EventType.ADD_ARTIFACT_ALIAS, "model",
                alias, "alice");
    }

    private static AutomationFact withPattern(String aliasPattern) {
        return new AutomationFact(UUID.randomUUID(), "deploy", UUID.randomUUID(), UUID.randomUUID(),
                EventType.ADD_ARTIFACT_ALIAS, null, aliasPattern, true, 1);
    }
}
