package io.cascade.rules;

import static io.cascade.engine.event.EventType.CREATE_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.AutomationFact;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.TriggerMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/** guards.drl: the bot-account guard, off by default. */
class GuardRulesTest {

    @Test
    void withoutConfiguredBotsEveryAuthorTriggers() {
        TriggerMatcher matcher = Matchers.shipped();
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(eventBy("ci-bot")).fired()).hasSize(1);
    }

    @Test
    void eventByAConfiguredBotIsVetoedWithTheReason() {
        TriggerMatcher matcher = Matchers.shipped("ci-bot");
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        MatchResult result = matcher.match(eventBy("ci-bot"));

        assertThat(result.fired()).isEmpty();
        assertThat(result.vetoed()).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("ci-bot").contains("bot account"));
    }

    @Test
    void eventByAPersonStillTriggersWhenBotsAreConfigured() {
        TriggerMatcher matcher = Matchers.shipped("ci-bot");
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(eventBy("alice")).fired()).hasSize(1);
    }

    @Test
    void eventWithoutAnAuthorTriggersWhenBotsAreConfigured() {
        TriggerMatcher matcher = Matchers.shipped("ci-bot");
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(eventBy(null)).fired()).hasSize(1);
    }

    /** The guard vetoes what the trigger rules matched, and only that: it adds no automation of its own. */
    @Test
    void aBotsEventIsVetoedInEveryTeamButReportsOnlyTheAutomationsItMatched() {
        TriggerMatcher matcher = Matchers.shipped("ci-bot");
        AutomationFact acme = TriggerRulesTest.onCreate("training-data");
        AutomationFact globex = TriggerRulesTest.automation(TriggerRulesTest.GLOBEX, TriggerRulesTest.FRAUD,
                CREATE_ARTIFACT, "training-data", null, true);
        AutomationFact otherProject = TriggerRulesTest.automation(TriggerRulesTest.ACME, TriggerRulesTest.FRAUD,
                CREATE_ARTIFACT, "training-data", null, true);
        AutomationFact disabled = TriggerRulesTest.automation(TriggerRulesTest.ACME, TriggerRulesTest.CHURN,
                CREATE_ARTIFACT, "training-data", null, false);
        AutomationFact deleted = TriggerRulesTest.onCreate("training-data");
        List.of(acme, globex, otherProject, disabled, deleted).forEach(matcher::put);
        matcher.remove(deleted.getId());

        MatchResult inAcme = matcher.match(eventBy("ci-bot"));
        MatchResult inGlobex = matcher.match(new ArtifactEventFact(TriggerRulesTest.GLOBEX, TriggerRulesTest.FRAUD,
                CREATE_ARTIFACT, "training-data", null, "ci-bot"));

        assertThat(inAcme.fired()).isEmpty();
        assertThat(inAcme.vetoed()).extracting(v -> v.match().automationId()).containsExactly(acme.getId());
        assertThat(inGlobex.fired()).isEmpty();
        assertThat(inGlobex.vetoed()).extracting(v -> v.match().automationId()).containsExactly(globex.getId());
    }

    private static ArtifactEventFact eventBy(String author) {
        return new ArtifactEventFact(TriggerRulesTest.ACME, TriggerRulesTest.CHURN, CREATE_ARTIFACT, "training-data",
                null, author);
    }
}
