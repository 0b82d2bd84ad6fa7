package io.cascade.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatchCollectorTest {

    private final MatchCollector collector = new MatchCollector();

    @Test
    void matchesComeOutInTheOrderTheyFiredOnceEachWithTheFirstRule() {
        AutomationFact retrain = automation("retrain");
        AutomationFact notify = automation("notify");

        collector.match(retrain, "first rule");
        collector.match(notify, "first rule");
        collector.match(retrain, "second rule");

        assertThat(collector.result().fired()).containsExactly(
                new TriggerMatch(retrain.getId(), "retrain", "first rule", retrain.getRevision()),
                new TriggerMatch(notify.getId(), "notify", "first rule", notify.getRevision()));
    }

    @Test
    void aVetoedMatchIsReportedWithItsReasonAndDoesNotFire() {
        AutomationFact retrain = automation("retrain");
        AutomationFact notify = automation("notify");
        collector.veto(retrain, "release freeze");
        collector.match(retrain, "rule");
        collector.match(notify, "rule");

        MatchResult result = collector.result();

        assertThat(result.fired()).extracting(TriggerMatch::automationName).containsExactly("notify");
        assertThat(result.vetoed()).containsExactly(
                new Vetoed(new TriggerMatch(retrain.getId(), "retrain", "rule", retrain.getRevision()), "release freeze"));
    }

    @Test
    void vetoAllRefusesEveryMatchWithTheFirstReason() {
        collector.match(automation("retrain"), "rule");
        collector.vetoAll("bot account");
        collector.vetoAll("another reason");

        MatchResult result = collector.result();

        assertThat(result.fired()).isEmpty();
        assertThat(result.vetoed()).extracting(Vetoed::reason).containsExactly("bot account");
    }

    @Test
    void resetForgetsMatchesAndVetoesAfterSmallAndLargeResults() {
        for (int size : new int[] {3, 1_000}) {
            List<AutomationFact> automations = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                AutomationFact automation = automation("a" + i);
                automations.add(automation);
                collector.match(automation, "rule");
                collector.veto(automation, "no");
            }
            assertThat(collector.result().vetoed()).hasSize(size);

            collector.reset();
            assertThat(collector.result().fired()).isEmpty();
            automations.forEach(automation -> collector.match(automation, "again"));

            MatchResult again = collector.result();
            assertThat(again.vetoed()).isEmpty();
            assertThat(again.fired()).hasSize(size).allSatisfy(match -> assertThat(match.rule()).isEqualTo("again"));
            collector.reset();
        }
    }

    /** Few matches are told apart by scanning, many by an index: a repeat is dropped either way. */
    @Test
    void aRepeatedMatchIsReportedOnceWithFewOrManyMatches() {
        for (int size : new int[] {3, 40}) {
            List<AutomationFact> automations = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                automations.add(automation("a" + i));
            }
            automations.forEach(automation -> collector.match(automation, "first"));
            automations.forEach(automation -> collector.match(automation, "second"));

            assertThat(collector.result().fired()).extracting(TriggerMatch::automationId)
                    .containsExactlyElementsOf(automations.stream().map(AutomationFact::getId).toList());
            assertThat(collector.result().fired()).allSatisfy(match -> assertThat(match.rule()).isEqualTo("first"));
            collector.reset();
        }
    }

    @Test
    void anAutomationMatchedWithoutARuleNameIsStillReportedOnce() {
        AutomationFact retrain = automation("retrain");

        collector.match(retrain, null);
        collector.match(retrain, "named rule");

        assertThat(collector.result().fired()).singleElement()
                .satisfies(match -> assertThat(match.rule()).isNull());
    }

    private static AutomationFact automation(String name) {
        return new AutomationFact(UUID.randomUUID(), name, UUID.randomUUID(), UUID.randomUUID(),
                EventType.CREATE_ARTIFACT, "training-data", null, true, 1);
    }
}
