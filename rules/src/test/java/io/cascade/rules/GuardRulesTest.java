package io.cascade.rules;

import static io.cascade.engine.event.EventType.CREATE_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.BotAccounts;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** guards.drl: the bot-account guard, off by default. */
class GuardRulesTest {

    @Test
    void withoutConfiguredBotsEveryAuthorTriggers() {
        TriggerMatcher matcher = matcher(Set.of());
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(eventBy("ci-bot")).fired()).hasSize(1);
    }

    @Test
    void eventByAConfiguredBotIsVetoedWithTheReason() {
        TriggerMatcher matcher = matcher(Set.of("ci-bot"));
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        MatchResult result = matcher.match(eventBy("ci-bot"));

        assertThat(result.fired()).isEmpty();
        assertThat(result.vetoed()).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("ci-bot").contains("bot account"));
    }

    @Test
    void eventByAPersonStillTriggersWhenBotsAreConfigured() {
        TriggerMatcher matcher = matcher(Set.of("ci-bot"));
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(eventBy("alice")).fired()).hasSize(1);
    }

    private static TriggerMatcher matcher(Set<String> bots) {
        return new TriggerMatcher(new RuleLoader(null).loadAll(), new BotAccounts(bots));
    }

    private static ArtifactEventFact eventBy(String author) {
        return new ArtifactEventFact(TriggerRulesTest.ACME, TriggerRulesTest.CHURN, CREATE_ARTIFACT, "training-data",
                null, author);
    }
}
