package io.cascade.api.event;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.team.TeamRecords;
import io.cascade.engine.trigger.RuleCompiler;
import io.cascade.engine.trigger.RuleFile;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import io.cascade.engine.webhook.WebhookService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** POST /api/v1/events/dry-run: which automations would fire, by which rule, sending what; nothing happens. */
class DryRunIntegrationTest extends ApiIntegrationTest {

    private static final String COLLECTION_RULE = "New version in the automation's collection";
    private static final String ALIAS_RULE = "Alias added that matches the automation's pattern";
    /** A guard rule as a process designer would add one next to the shipped guards. */
    private static final String RELEASE_FREEZE = """
            package cascade.rules;
            import io.cascade.engine.trigger.ArtifactEventFact;
            import io.cascade.engine.trigger.AutomationFact;
            global io.cascade.engine.trigger.MatchCollector matches;

            rule "Release freeze"
            when
                $event : ArtifactEventFact( author == "release-freeze" )
                $automation : AutomationFact( teamId == $event.teamId )
            then
                matches.veto($automation, "release freeze: " + $automation.getName() + " waits");
            end
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final Receiver receiver = new Receiver();
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TriggerMatcher matcher;
    @Autowired
    private RuleLoader rules;
    @Autowired
    private WebhookService webhooks;
    private TeamRecords records;
    private TeamFixture team;
    private String retrain;
    private String deploy;

    DryRunIntegrationTest() throws Exception {
    }

    @BeforeEach
    void teamWithAutomations() {
        records = new TeamRecords(jdbc, admin());
        team = TeamFixture.create(admin());
        team.secret("ci_token", "t0ken-that-must-not-show");
        team.webhook("ci", receiver.url("/hook"));
        retrain = team.automation(TeamFixture.request("retrain",
                Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION), "ci",
                "{\"version\":\"${artifact_version_string}\",\"rows\":\"${artifact_metadata.rows}\","
                        + "\"token\":\"${ci_token}\"}"));
        deploy = team.automation(TeamFixture.onAlias("deploy", "prod(uction)?", "ci"));
        team.automation(TeamFixture.onNewVersion("evaluate", "eval-data", "ci"));
        Map<String, Object> disabled = TeamFixture.onNewVersion("paused", TeamFixture.COLLECTION, "ci");
        disabled.put("enabled", false);
        team.automation(disabled);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void showsEachAutomationThatWouldFireWithItsRuleAndThePayloadWithSecretsMasked() throws Exception {
        ResponseEntity<JsonNode> answer = dryRun(asAdmin(), team.newVersion());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode wouldFire = answer.getBody().get("wouldFire");
        assertThat(wouldFire).hasSize(1);
        JsonNode fires = wouldFire.get(0);
        assertThat(fires.get("automationId").asText()).isEqualTo(retrain);
        assertThat(fires.get("automation").asText()).isEqualTo("retrain");
        assertThat(fires.get("rule").asText()).isEqualTo(COLLECTION_RULE);
        assertThat(fires.get("actionType").asText()).isEqualTo("GENERIC_WEBHOOK");
        assertThat(fires.get("actionName").asText()).isEqualTo("ci");
        String payload = fires.get("payload").asText();
        assertThat(json.readTree(payload)).isEqualTo(json.readTree("{\"version\":\"" + team.name()
                + "/churn/training-data:v3\",\"rows\":\"1200\",\"token\":\"********\"}"));
        assertThat(payload).doesNotContain("t0ken-that-must-not-show");
        assertThat(fires.get("wouldDeliver").asBoolean()).isTrue();
        assertThat(fires.get("reason").isNull()).isTrue();
        assertThat(answer.getBody().get("vetoed")).isEmpty();
    }

    @Test
    void aMatchWhoseWebhookIsDisabledSaysNothingWouldBeSentAndWhy() {
        disableWebhook("ci", "receiver answered 410 Gone at 2025-06-01T12:00Z");

        JsonNode wouldFire = dryRun(asAdmin(), team.newVersion()).getBody().get("wouldFire");

        assertThat(wouldFire).hasSize(1);
        JsonNode fires = wouldFire.get(0);
        assertThat(fires.get("automationId").asText()).isEqualTo(retrain);
        assertThat(fires.get("wouldDeliver").asBoolean()).isFalse();
        assertThat(fires.get("reason").asText())
                .isEqualTo("webhook ci is disabled: receiver answered 410 Gone at 2025-06-01T12:00Z");
        assertThat(fires.get("payload").isNull()).as("nothing would be sent").isTrue();
    }

    @Test
    void anAliasAutomationFiresOnlyWhenItsPatternMatchesTheWholeAlias() {
        JsonNode production = dryRun(asAdmin(), team.aliasAdded("production")).getBody().get("wouldFire");
        JsonNode regional = dryRun(asAdmin(), team.aliasAdded("production-eu")).getBody().get("wouldFire");

        assertThat(production).hasSize(1);
        assertThat(production.get(0).get("automationId").asText()).isEqualTo(deploy);
        assertThat(production.get(0).get("rule").asText()).isEqualTo(ALIAS_RULE);
        assertThat(production.get(0).get("payload").asText()).contains(team.name() + "/churn/training-data:production");
        assertThat(regional).isEmpty();
    }

    @Test
    void aLinkAutomationFiresOnLinksIntoItsCollectionOnly() {
        team.automation(TeamFixture.request("promote",
                Map.of("type", "LINK_ARTIFACT", "collection", "registry"), "ci", null));

        assertThat(firing(team.event("LINK_ARTIFACT", "registry"))).containsExactly("promote");
        assertThat(firing(team.event("CREATE_ARTIFACT", "registry"))).isEmpty();
        assertThat(firing(team.event("LINK_ARTIFACT", TeamFixture.COLLECTION))).isEmpty();
    }

    @Test
    void anAliasAutomationThatNamesACollectionFiresOnlyForIt() {
        team.automation(TeamFixture.request("tag-eval",
                Map.of("type", "ADD_ARTIFACT_ALIAS", "aliasPattern", "best", "collection", "eval-data"), "ci", null));
        Map<String, Object> inEvalData = team.event("ADD_ARTIFACT_ALIAS", "eval-data");
        inEvalData.put("alias", "best");

        assertThat(firing(inEvalData)).containsExactly("tag-eval");
        assertThat(firing(team.aliasAdded("best"))).isEmpty();
    }

    @Test
    void startsNothingAndWritesNothing() {
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-1");

        assertThat(dryRun(asAdmin(), event).getBody().get("wouldFire")).hasSize(1);

        assertThat(records.events(team.name())).isZero();
        assertThat(records.executions(team.name())).isZero();
        assertThat(records.processInstances(team.name())).isZero();
        ResponseEntity<JsonNode> real = admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(event).retrieve().toEntity(JsonNode.class);
        assertThat(real.getStatusCode()).as("the id was not used up by the dry run").isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void listsTheMatchesAGuardRuleVetoedWithTheReason() throws Exception {
        Map<String, Object> event = team.newVersion();
        event.put("author", "release-freeze");
        matcher.replaceRules(RuleCompiler.compile(shippedRulesAnd(new RuleFile("freeze.drl", "test", RELEASE_FREEZE))));
        try {
            JsonNode answer = dryRun(asAdmin(), event).getBody();

            assertThat(answer.get("wouldFire")).isEmpty();
            assertThat(answer.get("vetoed")).hasSize(1);
            JsonNode vetoed = answer.get("vetoed").get(0);
            assertThat(vetoed.get("automationId").asText()).isEqualTo(retrain);
            assertThat(vetoed.get("automation").asText()).isEqualTo("retrain");
            assertThat(vetoed.get("rule").asText()).isEqualTo(COLLECTION_RULE);
            assertThat(vetoed.get("reason").asText()).isEqualTo("release freeze: retrain waits");
        } finally {
            matcher.replaceRules(rules.loadAll());
        }
    }

    /** A designer's rule that throws refuses the event, real or dry run, writes nothing, and shows in GET /api/v1/rules. */
    @Test
    void aRuleThatThrowsRefusesTheEventWithA500NamingTheRule() throws Exception {
        Map<String, Object> event = team.newVersion();
        event.put("author", "crash-test");
        matcher.replaceRules(RuleCompiler.compile(shippedRulesAnd(new RuleFile("fragile.drl", "test", """
                package cascade.rules;
                import io.cascade.engine.trigger.ArtifactEventFact;
                rule "Fragile"
                when
                    $event : ArtifactEventFact( author == "crash-test" )
                then
                    throw new IllegalStateException("detail for the log only: " + $event.getAuthor());
                end
                """))));
        try {
            ResponseEntity<JsonNode> real = as(ADMIN_USER, ADMIN_PASSWORD).post().uri("/api/v1/events")
                    .contentType(MediaType.APPLICATION_JSON).body(event).retrieve().toEntity(JsonNode.class);
            ResponseEntity<JsonNode> dry = dryRun(asAdmin(), event);

            for (ResponseEntity<JsonNode> answer : List.of(real, dry)) {
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
                assertThat(answer.getBody().get("title").asText()).isEqualTo("Rule failed");
                assertThat(answer.getBody().get("detail").asText()).contains("rule \"Fragile\" threw IllegalStateException")
                        .doesNotContain("detail for the log only");
            }
            assertThat(records.events(team.name())).isZero();
            assertThat(records.executions(team.name())).isZero();
            assertThat(records.processInstances(team.name())).isZero();
            JsonNode status = asAdmin().get().uri("/api/v1/rules").retrieve().toEntity(JsonNode.class).getBody();
            assertThat(status.get("lastRuleFailure").asText()).isEqualTo("rule \"Fragile\" threw IllegalStateException");
            assertThat(status.get("lastRuleFailureAt").asText()).isNotBlank();
        } finally {
            matcher.replaceRules(rules.loadAll());
        }
        event.put("author", "alice");
        assertThat(dryRun(asAdmin(), event).getBody().get("wouldFire")).hasSize(1);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Object> event = team.aliasAdded("production");
        event.remove("alias");

        assertProblem(dryRun(asAdmin(), event), HttpStatus.BAD_REQUEST, "alias");
    }

    @Test
    void viewersMayNotDryRunAndStrangersDoNotSeeTheTeam() {
        String viewer = team.member("VIEWER");
        String stranger = TeamFixture.user(admin(), "stranger");

        assertProblem(dryRun(as(viewer, TeamFixture.password(viewer)), team.newVersion()), HttpStatus.FORBIDDEN, null);
        assertProblem(dryRun(as(stranger, TeamFixture.password(stranger)), team.newVersion()), HttpStatus.NOT_FOUND,
                null);
    }

    @Test
    void anUnknownProjectIs404() {
        Map<String, Object> event = team.newVersion();
        event.put("project", "no-such-project");

        assertProblem(dryRun(asAdmin(), event), HttpStatus.NOT_FOUND, null);
    }

    private void disableWebhook(String name, String reason) {
        UUID teamId = jdbc.sql("select id from teams where name = ?").param(team.name()).query(UUID.class).single();
        webhooks.disable(webhooks.require(teamId, name).id(), reason);
    }

    private List<String> firing(Map<String, Object> event) {
        return dryRun(asAdmin(), event).getBody().get("wouldFire").findValuesAsText("automation");
    }

    private static List<RuleFile> shippedRulesAnd(RuleFile extra) throws Exception {
        List<RuleFile> files = new ArrayList<>();
        for (Resource drl : new PathMatchingResourcePatternResolver().getResources("classpath*:cascade/rules/*.drl")) {
            files.add(new RuleFile(drl.getFilename(), "classpath", drl.getContentAsString(StandardCharsets.UTF_8)));
        }
        files.add(extra);
        return files;
    }

    private static ResponseEntity<JsonNode> dryRun(RestClient client, Map<String, Object> event) {
        return client.post().uri("/api/v1/events/dry-run").contentType(MediaType.APPLICATION_JSON).body(event)
                .retrieve().toEntity(JsonNode.class);
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }
}
