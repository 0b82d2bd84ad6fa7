package io.cascade.rules;

import static io.cascade.engine.event.EventType.ADD_ARTIFACT_ALIAS;
import static io.cascade.engine.event.EventType.CREATE_ARTIFACT;
import static io.cascade.engine.event.EventType.LINK_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.AutomationFact;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatch;
import io.cascade.engine.trigger.TriggerMatcher;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** triggers.drl: one test per condition, each with its match and its no-match. */
class TriggerRulesTest {

    static final UUID ACME = UUID.randomUUID();
    static final UUID GLOBEX = UUID.randomUUID();
    static final UUID CHURN = UUID.randomUUID();
    static final UUID FRAUD = UUID.randomUUID();

    private final TriggerMatcher matcher = Matchers.shipped();

    @Test
    void newVersionInTheCollectionFiresTheAutomation() {
        AutomationFact automation = onCreate("training-data");
        matcher.put(automation);

        MatchResult result = matcher.match(event(CREATE_ARTIFACT, "training-data", null));

        assertThat(result.fired()).extracting(TriggerMatch::automationId).containsExactly(automation.getId());
        assertThat(result.fired().get(0).rule()).isEqualTo("New version in the automation's collection");
    }

    @Test
    void newVersionInAnotherCollectionDoesNotFire() {
        matcher.put(onCreate("training-data"));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "eval-data", null)).fired()).isEmpty();
    }

    @Test
    void linkEventFiresOnlyLinkAutomations() {
        AutomationFact link = automation(ACME, CHURN, LINK_ARTIFACT, "registry", null, true);
        matcher.put(link);
        matcher.put(onCreate("registry"));

        assertThat(matcher.match(event(LINK_ARTIFACT, "registry", null)).fired())
                .extracting(TriggerMatch::automationId).containsExactly(link.getId());
    }

    /** Each rule for versions and links on its own: collection, team, project, enabled, deleted. */
    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"CREATE_ARTIFACT", "LINK_ARTIFACT"})
    void aVersionOrLinkAutomationFiresOnlyInItsCollectionTeamAndProjectWhileEnabledAndLive(EventType type) {
        AutomationFact live = automation(ACME, CHURN, type, "registry", null, true);
        matcher.put(live);
        matcher.put(automation(ACME, CHURN, type, "training-data", null, true));
        matcher.put(automation(GLOBEX, CHURN, type, "registry", null, true));
        matcher.put(automation(ACME, FRAUD, type, "registry", null, true));
        matcher.put(automation(ACME, CHURN, type, "registry", null, false));

        MatchResult result = matcher.match(event(type, "registry", null));

        assertThat(result.fired()).extracting(TriggerMatch::automationId).containsExactly(live.getId());
        assertThat(result.fired().get(0).rule()).isEqualTo(type == CREATE_ARTIFACT
                ? "New version in the automation's collection" : "Version linked into the automation's collection");
        matcher.remove(live.getId());
        assertThat(matcher.match(event(type, "registry", null)).fired()).isEmpty();
    }

    @Test
    void otherEventTypeDoesNotFire() {
        matcher.put(onCreate("training-data"));

        assertThat(matcher.match(event(LINK_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void eventOfAnotherProjectDoesNotFire() {
        matcher.put(automation(ACME, FRAUD, CREATE_ARTIFACT, "training-data", null, true));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void eventOfAnotherTeamDoesNotFire() {
        matcher.put(automation(GLOBEX, CHURN, CREATE_ARTIFACT, "training-data", null, true));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void disabledAutomationDoesNotFire() {
        matcher.put(automation(ACME, CHURN, CREATE_ARTIFACT, "training-data", null, false));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void reEnabledAutomationFiresAgain() {
        AutomationFact disabled = automation(ACME, CHURN, CREATE_ARTIFACT, "training-data", null, false);
        matcher.put(disabled);
        matcher.put(revised(disabled, true));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).hasSize(1);
    }

    @Test
    void deletedAutomationDoesNotFire() {
        AutomationFact automation = onCreate("training-data");
        matcher.put(automation);
        matcher.remove(automation.getId());

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void staleUpdateDoesNotOverwriteANewerOne() {
        AutomationFact enabled = automation(ACME, CHURN, CREATE_ARTIFACT, "training-data", null, true);
        AutomationFact newer = revised(enabled, false);
        matcher.put(newer);
        matcher.put(enabled);

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void aliasMatchingThePatternFires() {
        AutomationFact automation = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, null, "prod(uction)?", true);
        matcher.put(automation);

        MatchResult result = matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production"));

        assertThat(result.fired()).extracting(TriggerMatch::rule)
                .containsExactly("Alias added that matches the automation's pattern");
    }

    @Test
    void aliasPatternMustMatchTheWholeAlias() {
        matcher.put(automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, null, "prod", true));

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired()).isEmpty();
    }

    @Test
    void aliasAutomationsSharingAPatternEachGetTheirVerdict() {
        AutomationFact first = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, null, "staging|canary", true);
        AutomationFact second = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, "model", "staging|canary", true);
        AutomationFact otherCollection = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, "dataset", "staging|canary", true);
        matcher.put(first);
        matcher.put(second);
        matcher.put(otherCollection);

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "canary")).fired())
                .extracting(TriggerMatch::automationId).containsExactlyInAnyOrder(first.getId(), second.getId());
        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired()).isEmpty();
    }

    @Test
    void aliasAutomationWithoutAPatternFiresOnEveryAlias() {
        AutomationFact any = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, null, null, true);
        matcher.put(any);

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "latest")).fired())
                .extracting(TriggerMatch::automationId).containsExactly(any.getId());
    }

    @Test
    void aliasAutomationWithACollectionIgnoresOtherCollections() {
        matcher.put(automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, "model", "production", true));

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "dataset", "production")).fired()).isEmpty();
        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired())
                .extracting(TriggerMatch::rule)
                .containsExactly("Alias added in the automation's collection that matches its pattern");
    }

    /** Each alias rule (with and without a collection) on its own: team, project, enabled, deleted. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "model")
    void anAliasAutomationFiresOnlyForItsOwnTeamAndProjectWhileEnabledAndLive(String collection) {
        AutomationFact live = automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, collection, "prod(uction)?", true);
        matcher.put(live);
        matcher.put(automation(GLOBEX, CHURN, ADD_ARTIFACT_ALIAS, collection, "prod(uction)?", true));
        matcher.put(automation(ACME, FRAUD, ADD_ARTIFACT_ALIAS, collection, "prod(uction)?", true));
        matcher.put(automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, collection, "prod(uction)?", false));

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired())
                .extracting(TriggerMatch::automationId).containsExactly(live.getId());

        matcher.remove(live.getId());
        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired()).isEmpty();
    }

    @Test
    void aPlainNamePatternFiresOnThatAliasOnly() {
        matcher.put(automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, null, "production", true));

        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production")).fired()).hasSize(1);
        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "Production")).fired()).isEmpty();
        assertThat(matcher.match(event(ADD_ARTIFACT_ALIAS, "model", "production-eu")).fired()).isEmpty();
    }

    @Test
    void newVersionDoesNotFireAliasAutomations() {
        matcher.put(automation(ACME, CHURN, ADD_ARTIFACT_ALIAS, "training-data", ".*", true));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).isEmpty();
    }

    @Test
    void everyMatchingAutomationFiresOnce() {
        matcher.put(onCreate("training-data"));
        matcher.put(onCreate("training-data"));
        matcher.put(onCreate("other"));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "training-data", null)).fired()).hasSize(2);
    }

    /** Automations with the same trigger share one fact in the session; each still comes and goes alone. */
    @Test
    void automationsSharingATriggerAllFireAndEachComesAndGoesAlone() {
        AutomationFact first = onCreate("training-data");
        AutomationFact second = onCreate("training-data");
        matcher.put(first);
        matcher.put(second);

        assertThat(firedOn("training-data")).containsExactly(first.getId(), second.getId());

        matcher.put(revised(first, false));
        assertThat(firedOn("training-data")).containsExactly(second.getId());

        matcher.remove(second.getId());
        assertThat(firedOn("training-data")).isEmpty();

        matcher.put(revised(revised(first, false), true));
        assertThat(firedOn("training-data")).containsExactly(first.getId());
    }

    @Test
    void anAutomationWhoseCollectionChangesLeavesItsOldTriggerForTheNewOne() {
        AutomationFact moving = onCreate("training-data");
        AutomationFact staying = onCreate("training-data");
        matcher.put(moving);
        matcher.put(staying);

        matcher.put(movedTo(moving, "eval-data"));

        assertThat(firedOn("training-data")).containsExactly(staying.getId());
        assertThat(firedOn("eval-data")).containsExactly(moving.getId());
    }

    @Test
    void sharedTriggersSurviveNewRules() {
        AutomationFact first = onCreate("training-data");
        AutomationFact second = onCreate("training-data");
        matcher.put(first);
        matcher.put(second);

        matcher.replaceRules(new RuleLoader(null).loadAll());
        assertThat(firedOn("training-data")).containsExactlyInAnyOrder(first.getId(), second.getId());

        matcher.remove(first.getId());
        assertThat(firedOn("training-data")).containsExactly(second.getId());
    }

    @Test
    void askedAboutOneAutomationTheRulesAnswerForItAlone() {
        AutomationFact held = onCreate("training-data");
        matcher.put(held);
        AutomationFact elsewhere = movedTo(held, "eval-data");

        assertThat(matcher.fires(held, event(CREATE_ARTIFACT, "training-data", null))).isTrue();
        assertThat(matcher.fires(elsewhere, event(CREATE_ARTIFACT, "training-data", null))).isFalse();
        assertThat(matcher.fires(revised(held, false), event(CREATE_ARTIFACT, "training-data", null))).isFalse();
    }

    @Test
    void theEventIsRetractedAfterMatching() {
        matcher.put(onCreate("training-data"));
        matcher.match(event(CREATE_ARTIFACT, "training-data", null));

        assertThat(matcher.match(event(CREATE_ARTIFACT, "other", null)).fired()).isEmpty();
    }

    private List<UUID> firedOn(String collection) {
        return matcher.match(event(CREATE_ARTIFACT, collection, null)).fired().stream()
                .map(TriggerMatch::automationId).toList();
    }

    static AutomationFact onCreate(String collection) {
        return automation(ACME, CHURN, CREATE_ARTIFACT, collection, null, true);
    }

    static AutomationFact automation(UUID team, UUID project, EventType type, String collection, String aliasPattern,
                                     boolean enabled) {
        return new AutomationFact(UUID.randomUUID(), "automation", team, project, type, collection, aliasPattern,
                enabled, 1);
    }

    /** The next revision of an automation on new versions, watching another collection. */
    private static AutomationFact movedTo(AutomationFact fact, String collection) {
        return new AutomationFact(fact.getId(), fact.getName(), fact.getTeamId(), fact.getProjectId(), CREATE_ARTIFACT,
                collection, null, true, fact.getRevision() + 1);
    }

    static AutomationFact revised(AutomationFact fact, boolean enabled) {
        return new AutomationFact(fact.getId(), fact.getName(), fact.getTeamId(), fact.getProjectId(),
                fact.getEventType(), fact.getCollection(), null, enabled, fact.getRevision() + 1);
    }

    static ArtifactEventFact event(EventType type, String collection, String alias) {
        return new ArtifactEventFact(ACME, CHURN, type, collection, alias, "alice");
    }
}
