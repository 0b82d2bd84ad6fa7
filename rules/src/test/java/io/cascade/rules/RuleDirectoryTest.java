package io.cascade.rules;

import static io.cascade.engine.event.EventType.CREATE_ARTIFACT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.AutomationFact;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.RuleCompilationException;
import io.cascade.engine.trigger.RuleFailureException;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatch;
import io.cascade.engine.trigger.TriggerMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.kie.api.KieBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Designers' DRL files in cascade.rules.directory: added, vetoing, and rejected when broken. */
class RuleDirectoryTest {

    static final String VETO_EVAL_COLLECTION = """
            package cascade.custom;
            import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
            import io.cascade.engine.trigger.AutomationFact;
            global io.cascade.engine.trigger.MatchCollector matches;
            rule "No automations on frozen collections"
            when
                $e : ArtifactEventFact( collection == "frozen" )
                $a : AutomationFact( projectId == $e.projectId )
            then
                matches.veto($a, "collection is frozen");
            end
            """;

    @TempDir
    Path directory;

    @Test
    void aDesignersRuleCanVetoAMatch() throws Exception {
        Files.writeString(directory.resolve("frozen.drl"), VETO_EVAL_COLLECTION);
        TriggerMatcher matcher = Matchers.withDirectory(directory);
        matcher.put(TriggerRulesTest.onCreate("frozen"));
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        assertThat(matcher.match(event("frozen")).vetoed()).singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo("collection is frozen"));
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);
    }

    /** Two automations share a trigger; a guard that vetoes one of them leaves the other fired. */
    @Test
    void aVetoOfOneAutomationLeavesTheOthersOfItsTriggerFired() throws Exception {
        Files.writeString(directory.resolve("quiet.drl"), """
                package cascade.custom;
                import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
                import io.cascade.engine.trigger.AutomationFact;
                global io.cascade.engine.trigger.MatchCollector matches;
                rule "Quiet automations stay quiet"
                when
                    $e : ArtifactEventFact()
                    $a : AutomationFact( projectId == $e.projectId, name == "quiet" )
                then
                    matches.veto($a, "quiet");
                end
                """);
        TriggerMatcher matcher = Matchers.withDirectory(directory);
        AutomationFact quiet = named("quiet", "training-data");
        AutomationFact loud = named("loud", "training-data");
        matcher.put(quiet);
        matcher.put(loud);

        MatchResult result = matcher.match(event("training-data"));

        assertThat(result.fired()).extracting(TriggerMatch::automationId).containsExactly(loud.getId());
        assertThat(result.vetoed()).singleElement().satisfies(v -> {
            assertThat(v.match().automationId()).isEqualTo(quiet.getId());
            assertThat(v.reason()).isEqualTo("quiet");
        });
    }

    @Test
    void aBrokenFileIsRejectedWithItsErrorAndThePreviousRulesKeepServing() throws Exception {
        RuleLoader loader = new RuleLoader(directory);
        TriggerMatcher matcher = Matchers.of(loader);
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        Files.writeString(directory.resolve("broken.drl"), "package x; rule \"half\" when Nope( then end");
        assertThat(loader.directoryChanged()).isTrue();
        assertThatThrownBy(loader::loadAll).isInstanceOf(RuleCompilationException.class);

        assertThat(loader.status().lastError()).isNotBlank();
        assertThat(loader.status().files()).extracting(f -> f.name()).doesNotContain("broken.drl");
        assertThat(loader.directoryChanged()).isFalse();
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);
    }

    /** A timer would fire on Drools' own thread, outside the matcher's lock: such a file is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"timer (int: 0s 1ms)", "duration 1"})
    void aRuleWithATimerIsRefusedAndThePreviousRulesKeepServing(String timer) throws Exception {
        RuleLoader loader = new RuleLoader(directory);
        TriggerMatcher matcher = Matchers.of(loader);
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        Files.writeString(directory.resolve("timed.drl"), """
                package cascade.custom;
                import io.cascade.engine.trigger.AutomationFact;
                rule "Every millisecond"
                    %s
                when
                    $a : AutomationFact( enabled == true )
                then
                end
                """.formatted(timer));

        assertThatThrownBy(loader::loadAll).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("rule \"Every millisecond\" has a timer");
        assertThat(loader.status().lastError()).contains("has a timer");
        assertThat(loader.status().files()).extracting(f -> f.name()).doesNotContain("timed.drl");
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);
    }

    @Test
    void reloadedRulesKeepEveryAutomation() throws Exception {
        RuleLoader loader = new RuleLoader(directory);
        TriggerMatcher matcher = Matchers.of(loader);
        matcher.put(TriggerRulesTest.onCreate("frozen"));

        Files.writeString(directory.resolve("frozen.drl"), VETO_EVAL_COLLECTION);
        matcher.replaceRules(loader.loadAll());

        assertThat(matcher.match(event("frozen")).fired()).isEmpty();
        assertThat(loader.status().files()).extracting(f -> f.name()).contains("frozen.drl", "triggers.drl");
    }

    @Test
    void aBrokenFileAtStartupLeavesTheShippedRulesServingUntilItIsFixed() throws Exception {
        Files.writeString(directory.resolve("frozen.drl"), "package x; rule \"half\" when Nope( then end");
        RuleLoader loader = new RuleLoader(directory);

        TriggerMatcher matcher = Matchers.atStartup(loader);
        matcher.put(TriggerRulesTest.onCreate("frozen"));

        assertThat(matcher.match(event("frozen")).fired()).hasSize(1);
        assertThat(loader.status().lastError()).contains("frozen.drl (rules directory) line 1");
        assertThat(loader.status().files()).extracting(f -> f.origin()).containsOnly("classpath");
        assertThat(loader.directoryChanged()).isFalse();

        Files.writeString(directory.resolve("frozen.drl"), VETO_EVAL_COLLECTION);
        assertThat(loader.directoryChanged()).isTrue();
        matcher.replaceRules(loader.loadAll());
        assertThat(matcher.match(event("frozen")).fired()).isEmpty();
    }

    /** A designer's file may share a shipped file's name: both are compiled, neither replaces the other. */
    @Test
    void aDesignersFileNamedLikeAShippedOneIsAddedNotSubstituted() throws Exception {
        Files.writeString(directory.resolve("guards.drl"), VETO_EVAL_COLLECTION);
        Files.writeString(directory.resolve("triggers.drl"), VETO_EVAL_COLLECTION.replace(
                "No automations on frozen collections", "No automations on frozen collections, again"));
        RuleLoader loader = new RuleLoader(directory);
        TriggerMatcher matcher = Matchers.of(loader, "ci-bot");
        matcher.put(TriggerRulesTest.onCreate("frozen"));
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        // the shipped trigger rules still match, the shipped bot guard still vetoes, the designer's veto applies
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);
        assertThat(matcher.match(new ArtifactEventFact(TriggerRulesTest.ACME, TriggerRulesTest.CHURN, CREATE_ARTIFACT,
                "training-data", null, "ci-bot")).vetoed()).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("bot account"));
        assertThat(matcher.match(event("frozen")).vetoed()).singleElement()
                .satisfies(v -> assertThat(v.reason()).isEqualTo("collection is frozen"));
        assertThat(loader.status().files()).extracting(f -> f.name() + " from " + f.origin()).contains(
                "guards.drl from classpath", "triggers.drl from classpath",
                "guards.drl from " + directory, "triggers.drl from " + directory);
    }

    /** A rule that throws refuses the event, names itself (not the error's message), and leaves the session working. */
    @ParameterizedTest
    @ValueSource(strings = {"condition", "consequence"})
    void aRuleThatThrowsRefusesTheEventAndNamesItself(String where) throws Exception {
        String condition = where.equals("condition") ? "author.length() > 2" : "author == \"boom\"";
        String consequence = where.equals("consequence") ? "throw new IllegalStateException(\"secret-ish detail\");" : "";
        Files.writeString(directory.resolve("fragile.drl"), """
                package cascade.custom;
                import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.ArtifactEventFact;
                rule "Fragile"
                when
                    $e : ArtifactEventFact( %s )
                then
                    %s
                end
                """.formatted(condition, consequence));
        TriggerMatcher matcher = Matchers.withDirectory(directory);
        matcher.put(TriggerRulesTest.onCreate("training-data"));
        ArtifactEventFact failing = new ArtifactEventFact(TriggerRulesTest.ACME, TriggerRulesTest.CHURN,
                CREATE_ARTIFACT, "training-data", null, where.equals("condition") ? null : "boom");

        assertThatThrownBy(() -> matcher.match(failing)).isInstanceOf(RuleFailureException.class)
                .hasMessageContaining(where.equals("condition") ? "the condition of rule \"Fragile\" threw"
                        : "rule \"Fragile\" threw IllegalStateException")
                .hasMessageNotContaining("secret-ish");
        assertThat(matcher.lastFailure()).hasValueSatisfying(f -> assertThat(f.failure()).contains("\"Fragile\""));

        // the refused event left the session: an automation added now does not match it on the next event
        matcher.put(TriggerRulesTest.onCreate("training-data"));
        assertThat(matcher.match(event("elsewhere")).fired()).isEmpty();
        assertThat(matcher.match(event("training-data")).fired()).hasSize(2);
    }

    /** A condition on automations alone that throws (a name it did not expect to be missing). */
    static final String THROWS_ON_UNNAMED_AUTOMATIONS = """
            package cascade.custom;
            import io.cascade.engine.trigger.AutomationFact;
            rule "Long names"
            when
                $a : AutomationFact( name.length() > 100 )
            then
            end
            """;

    @Test
    void anAutomationARuleThrowsOnIsLeftOutAndReportedUntilTheRulesAreFixed() throws Exception {
        Files.writeString(directory.resolve("names.drl"), THROWS_ON_UNNAMED_AUTOMATIONS);
        TriggerMatcher matcher = Matchers.withDirectory(directory);
        matcher.put(TriggerRulesTest.onCreate("training-data"));

        matcher.put(unnamed("training-data"));

        assertThat(matcher.size()).isEqualTo(1);
        assertThat(matcher.lastFailure()).hasValueSatisfying(
                f -> assertThat(f.failure()).isEqualTo("the condition of rule \"Long names\" threw NullPointerException"));
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);

        // the designer fixes the rule: the automation left out is matched again
        Files.writeString(directory.resolve("names.drl"), THROWS_ON_UNNAMED_AUTOMATIONS.replace(
                "name.length() > 100", "name != null && name.length() > 100"));
        matcher.replaceRules(new RuleLoader(directory).loadAll());
        assertThat(matcher.size()).isEqualTo(2);
        assertThat(matcher.match(event("training-data")).fired()).hasSize(2);
    }

    /** A condition on triggers alone that throws (alias triggers have no collection): those automations are left out. */
    @Test
    void anAutomationWhoseTriggerARuleThrowsOnIsLeftOutUntilTheRulesAreFixed() throws Exception {
        String throwsOnTriggersWithoutACollection = """
                package cascade.custom;
                import io.cascade.engine.trigger.TriggerFact;
                rule "Long collections"
                when
                    TriggerFact( collection.length() > 100 )
                then
                end
                """;
        Files.writeString(directory.resolve("collections.drl"), throwsOnTriggersWithoutACollection);
        TriggerMatcher matcher = Matchers.withDirectory(directory);
        AutomationFact onAliases = TriggerRulesTest.automation(TriggerRulesTest.ACME, TriggerRulesTest.CHURN,
                EventType.ADD_ARTIFACT_ALIAS, null, "production", true);
        AutomationFact onVersions = TriggerRulesTest.onCreate("training-data");
        matcher.put(onVersions);

        matcher.put(onAliases);

        assertThat(matcher.size()).isEqualTo(1);
        assertThat(matcher.lastFailure()).hasValueSatisfying(f -> assertThat(f.failure())
                .isEqualTo("the condition of rule \"Long collections\" threw NullPointerException"));
        ArtifactEventFact production = TriggerRulesTest.event(EventType.ADD_ARTIFACT_ALIAS, "model", "production");
        assertThat(matcher.match(production).fired()).isEmpty();
        assertThat(matcher.match(event("training-data")).fired()).hasSize(1);

        Files.writeString(directory.resolve("collections.drl"), throwsOnTriggersWithoutACollection.replace(
                "collection.length() > 100", "collection != null && collection.length() > 100"));
        matcher.replaceRules(new RuleLoader(directory).loadAll());
        assertThat(matcher.size()).isEqualTo(2);
        assertThat(matcher.match(TriggerRulesTest.event(EventType.ADD_ARTIFACT_ALIAS, "model", "production")).fired())
                .extracting(TriggerMatch::automationId).containsExactly(onAliases.getId());
    }

    @Test
    void newRulesThatThrowOnAnAutomationAreRefusedAndThePreviousRulesKeepServing() throws Exception {
        RuleLoader loader = new RuleLoader(directory);
        TriggerMatcher matcher = Matchers.of(loader);
        matcher.put(TriggerRulesTest.onCreate("training-data"));
        matcher.put(unnamed("training-data"));

        Files.writeString(directory.resolve("names.drl"), THROWS_ON_UNNAMED_AUTOMATIONS);
        KieBase changed = loader.loadAll();
        assertThatThrownBy(() -> matcher.replaceRules(changed)).isInstanceOfSatisfying(RuleFailureException.class,
                e -> loader.refused(e.failure()));

        assertThat(matcher.match(event("training-data")).fired()).hasSize(2);
        assertThat(loader.status().files()).extracting(f -> f.name()).doesNotContain("names.drl");
        assertThat(loader.status().lastError()).contains("rule \"Long names\" threw NullPointerException")
                .contains("previous rules keep serving");
        assertThat(loader.directoryChanged()).isFalse();
    }

    private static AutomationFact named(String name, String collection) {
        return new AutomationFact(UUID.randomUUID(), name, TriggerRulesTest.ACME, TriggerRulesTest.CHURN,
                CREATE_ARTIFACT, collection, null, true, 1);
    }

    private static AutomationFact unnamed(String collection) {
        return new AutomationFact(UUID.randomUUID(), null, TriggerRulesTest.ACME, TriggerRulesTest.CHURN,
                CREATE_ARTIFACT, collection, null, true, 1);
    }

    private static ArtifactEventFact event(String collection) {
        return new ArtifactEventFact(TriggerRulesTest.ACME, TriggerRulesTest.CHURN, CREATE_ARTIFACT, collection, null,
                "alice");
    }
}
