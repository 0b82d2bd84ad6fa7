package io.cascade.api.automation;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.automation.AutomationService;
import io.cascade.engine.common.Caller;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.ingest.EventService;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.client.RestClient;

/** /api/v1/teams/{team}/projects/{project}/automations: the list, one automation, changes, roles, isolation. */
class AutomationIntegrationTest extends ApiIntegrationTest {

    private static final String AUTOMATIONS = "/api/v1/teams/{team}/projects/{project}/automations";
    private static final String AUTOMATION = AUTOMATIONS + "/{id}";

    private final Receiver receiver = new Receiver();
    @Autowired
    private EventService events;
    @Autowired
    private AutomationService automations;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private JdbcClient jdbc;
    private TeamFixture team;

    AutomationIntegrationTest() throws Exception {
    }

    @BeforeEach
    void teamWithAWebhook() {
        team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theListShowsEachAutomationsColumns() {
        String retrain = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String deploy = team.automation(TeamFixture.onAlias("deploy", "prod(uction)?", "ci"));

        ResponseEntity<JsonNode> list = asAdmin().get().uri(AUTOMATIONS, team.name(), TeamFixture.PROJECT)
                .retrieve().toEntity(JsonNode.class);

        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).hasSize(2);
        JsonNode first = list.getBody().get(0);
        assertThat(first.get("id").asText()).isEqualTo(deploy);
        assertThat(first.get("name").asText()).isEqualTo("deploy");
        assertThat(first.get("description").asText()).isEqualTo("fires on ADD_ARTIFACT_ALIAS");
        assertThat(first.get("enabled").asBoolean()).isTrue();
        assertThat(first.get("triggerType").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(first.get("actionType").asText()).isEqualTo("GENERIC_WEBHOOK");
        assertThat(first.get("actionName").asText()).isEqualTo("ci");
        assertThat(first.get("queue").asText()).isEmpty();
        assertThat(first.get("event").get("aliasPattern").asText()).isEqualTo("prod(uction)?");
        JsonNode second = list.getBody().get(1);
        assertThat(second.get("id").asText()).isEqualTo(retrain);
        assertThat(second.get("triggerType").asText()).isEqualTo("CREATE_ARTIFACT");
        assertThat(second.get("event").get("collection").asText()).isEqualTo(TeamFixture.COLLECTION);
    }

    @Test
    void createAnswers201WithWhereTheAutomationLives() {
        ResponseEntity<JsonNode> created = asAdmin().post().uri(AUTOMATIONS, team.name(), TeamFixture.PROJECT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"))
                .retrieve().toEntity(JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode fetched = asAdmin().get().uri(created.getHeaders().getLocation()).retrieve().body(JsonNode.class);
        assertThat(fetched).isEqualTo(created.getBody());
    }

    @Test
    void aWebhookAutomationWithoutAPayloadGetsTheDefaultOne() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));

        JsonNode automation = get(asAdmin(), id).getBody();

        assertThat(automation.get("action").get("payload").asText()).contains("\"event_type\": \"${event_type}\"");
    }

    @Test
    void getOfAnUnknownOrMalformedIdIs404() {
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));

        assertThat(get(asAdmin(), "5f0c4a6e-0000-4000-8000-000000000000").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(asAdmin(), "not-an-id").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void disablingAnAutomationStopsNewExecutionsAndEnablingResumesThem() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        assertThat(executionsOf(submit(team.newVersion()))).isEqualTo(1);

        ResponseEntity<JsonNode> disabled = patch(asAdmin(), id, Map.of("enabled", false));

        assertThat(disabled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(disabled.getBody().get("enabled").asBoolean()).isFalse();
        assertThat(get(asAdmin(), id).getBody().get("enabled").asBoolean()).isFalse();
        assertThat(executionsOf(submit(team.newVersion()))).isZero();

        patch(asAdmin(), id, Map.of("enabled", true));
        assertThat(executionsOf(submit(team.newVersion()))).isEqualTo(1);
    }

    @Test
    void patchChangesOnlyTheFieldsItNames() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));

        JsonNode changed = patch(asAdmin(), id, Map.of("description", "nightly retrain",
                "event", Map.of("collection", "eval-data"))).getBody();

        assertThat(changed.get("description").asText()).isEqualTo("nightly retrain");
        assertThat(changed.get("name").asText()).isEqualTo("retrain");
        assertThat(changed.get("event").get("type").asText()).isEqualTo("CREATE_ARTIFACT");
        assertThat(changed.get("event").get("collection").asText()).isEqualTo("eval-data");
        assertThat(executionsOf(submit(team.event("CREATE_ARTIFACT", "eval-data")))).isEqualTo(1);
        assertThat(executionsOf(submit(team.newVersion()))).isZero();
    }

    @Test
    void deleteAnswers204AndTheAutomationFiresNoMore() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));

        ResponseEntity<Void> deleted = asAdmin().delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id)
                .retrieve().toBodilessEntity();

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(asAdmin(), id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(list(asAdmin()).getBody()).isEmpty();
        assertThat(executionsOf(submit(team.newVersion()))).isZero();
        assertThat(asAdmin().delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * An event whose transaction is still open when the automation is deleted or disabled: the
     * change answers only once that event's execution is committed, so none appears after it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"delete", "disable"})
    void aChangeWaitsForAnEventStillStartingTheAutomation(String change) throws Exception {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        ArtifactEvent event = json.convertValue(team.newVersion(), ArtifactEvent.class);
        CompletableFuture<HttpStatusCode> changed;
        TransactionStatus open = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            assertThat(events.submit(new Caller(ADMIN_USER, true), event, null).event().executions()).hasSize(1);
            changed = CompletableFuture.supplyAsync(() -> (change.equals("delete")
                    ? asAdmin().delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id)
                    : asAdmin().patch().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id)
                            .contentType(MediaType.APPLICATION_JSON).body(Map.of("enabled", false)))
                    .retrieve().toBodilessEntity().getStatusCode());
            awaitARequestWaitingAtTheGate();
            assertThat(changed).isNotDone();
        } finally {
            transactions.commit(open);
        }
        assertThat(changed.get(10, TimeUnit.SECONDS)).isEqualTo(change.equals("delete") ? HttpStatus.NO_CONTENT
                : HttpStatus.OK);
        assertThat(jdbc.sql("select count(*) from executions where automation_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * An event that stays open past cascade.automations.change-wait (2 s in the tests): the change
     * gives up with 503 and Retry-After, changes nothing, and goes through once the event is in.
     */
    @Test
    void aChangeThatWaitsTooLongForAnEventIs503AndChangesNothing() throws Exception {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        JsonNode before = get(asAdmin(), id).getBody();
        ArtifactEvent event = json.convertValue(team.newVersion(), ArtifactEvent.class);
        TransactionStatus open = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            assertThat(events.submit(new Caller(ADMIN_USER, true), event, null).event().executions()).hasSize(1);

            ResponseEntity<JsonNode> refused = patch(asAdmin(), id, Map.of("enabled", false));

            assertProblem(refused, HttpStatus.SERVICE_UNAVAILABLE, null);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(refused.getBody().get("detail").asText()).contains("try again");
        } finally {
            transactions.commit(open);
        }
        assertThat(get(asAdmin(), id).getBody()).isEqualTo(before);
        assertThat(patch(asAdmin(), id, Map.of("enabled", false)).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** The other order: a disable still being written holds back an event, which then starts nothing. */
    @Test
    void anEventWaitsForADisableStillBeingWrittenAndThenStartsNothing() throws Exception {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        Team owner = jdbc.sql("select id, name from teams where name = ?").param(team.name())
                .query((row, n) -> new Team(row.getObject(1, UUID.class), row.getString(2))).single();
        Project project = jdbc.sql("select id, team_id, name from projects where team_id = ? and name = ?")
                .params(owner.id(), TeamFixture.PROJECT)
                .query((row, n) -> new Project(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getString(3)))
                .single();
        CompletableFuture<ResponseEntity<JsonNode>> event;
        TransactionStatus open = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            automations.patch(owner, project, UUID.fromString(id), json.readTree("{\"enabled\":false}"));
            event = CompletableFuture.supplyAsync(() -> asAdmin().post().uri("/api/v1/events")
                    .contentType(MediaType.APPLICATION_JSON).body(team.newVersion()).retrieve()
                    .toEntity(JsonNode.class));
            awaitARequestWaitingAtTheGate();
            assertThat(event).isNotDone();
        } finally {
            transactions.commit(open);
        }
        ResponseEntity<JsonNode> answer = event.get(10, TimeUnit.SECONDS);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().get("executions")).isEmpty();
    }

    /**
     * Another node changed the automation and this node's matcher has not heard yet (the change is
     * made in the test's own transaction, which the matcher cannot see): the event fires the
     * automation only if it fires it as it is now.
     */
    @ParameterizedTest
    @ValueSource(strings = {"collection = 'elsewhere'", "description = 'reworded'"})
    void anEventFiresAnAutomationChangedSinceTheMatchOnlyIfItStillMatches(String change) {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        ArtifactEvent event = json.convertValue(team.newVersion(), ArtifactEvent.class);
        TransactionStatus open = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            jdbc.sql("update automations set " + change + ", revision = revision + 1 where id = ?")
                    .param(UUID.fromString(id)).update();

            int started = events.submit(new Caller(ADMIN_USER, true), event, null).event().executions().size();

            assertThat(started).isEqualTo(change.startsWith("collection") ? 0 : 1);
        } finally {
            transactions.rollback(open);
        }
    }

    @Test
    void aDeletedAutomationsNameCanBeUsedAgain() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        asAdmin().delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve().toBodilessEntity();

        assertThat(create(asAdmin(), TeamFixture.onNewVersion("retrain", "eval-data", "ci")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anExecutionAlreadyRunningFinishesAfterItsAutomationIsDeleted() {
        receiver.answering(503);
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String executionId = submit(team.newVersion()).get("executions").get(0).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);

        asAdmin().delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = admin().get()
                    .uri("/engine-rest/history/process-instance?variables=executionId_eq_{id}", executionId)
                    .retrieve().body(JsonNode.class);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("state").asText()).isEqualTo("COMPLETED");
        });
        assertThat(receiver.received()).hasSize(2);
    }

    static Stream<Arguments> badAutomations() {
        Map<String, Object> alias = Map.of("type", "ADD_ARTIFACT_ALIAS", "aliasPattern", "prod(");
        Map<String, Object> noCollection = Map.of("type", "CREATE_ARTIFACT");
        Map<String, Object> newVersion = Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION);
        return Stream.of(
                Arguments.of("invalid regex", TeamFixture.request("a", alias, "ci", null), "event.aliasPattern"),
                Arguments.of("alias automation without a pattern", TeamFixture.request("a",
                        Map.of("type", "ADD_ARTIFACT_ALIAS"), "ci", null), "event.aliasPattern"),
                Arguments.of("unknown webhook", TeamFixture.request("a", newVersion, "no-such-hook", null),
                        "action.webhook"),
                Arguments.of("missing collection", TeamFixture.request("a", noCollection, "ci", null),
                        "event.collection"),
                Arguments.of("collection not a name", TeamFixture.request("a",
                        Map.of("type", "LINK_ARTIFACT", "collection", "training data"), "ci", null), "event.collection"),
                Arguments.of("unknown event type", TeamFixture.request("a",
                        Map.of("type", "DELETE_ARTIFACT", "collection", "c"), "ci", null), "event.type"),
                Arguments.of("name not a name", TeamFixture.request("re train", newVersion, "ci", null), "name"),
                Arguments.of("payload not JSON", TeamFixture.request("a", newVersion, "ci", "{\"v\": ${alias}"),
                        "action.payload"),
                Arguments.of("queue job without a version", withAction(Map.of("type", "QUEUE_JOB", "job", "retrain-job",
                        "queue", "gpu")), "action.jobVersion"),
                Arguments.of("unknown action type", withAction(Map.of("type", "EMAIL", "to", "x")), "action.type"),
                Arguments.of("enabled a string", with("enabled", "yes"), "enabled"),
                Arguments.of("name a number", with("name", 7), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAutomations")
    void anInvalidAutomationIsA400NamingTheFieldAndIsNotCreated(String label, Map<String, Object> body, String field) {
        ResponseEntity<JsonNode> answer = create(asAdmin(), body);

        assertProblem(answer, HttpStatus.BAD_REQUEST, field);
        assertThat(list(asAdmin()).getBody()).isEmpty();
    }

    @Test
    void malformedJsonIsA400() {
        ResponseEntity<JsonNode> answer = asAdmin().post().uri(AUTOMATIONS, team.name(), TeamFixture.PROJECT)
                .contentType(MediaType.APPLICATION_JSON).body("{\"name\": \"retrain\",").retrieve()
                .toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.BAD_REQUEST, "body");
    }

    @Test
    void anInvalidPatchIsA400NamingTheFieldAndChangesNothing() {
        String id = team.automation(TeamFixture.onAlias("deploy", "production", "ci"));
        JsonNode before = get(asAdmin(), id).getBody();

        assertProblem(patch(asAdmin(), id, Map.of("event", Map.of("aliasPattern", "[prod"))), HttpStatus.BAD_REQUEST,
                "event.aliasPattern");
        assertProblem(patch(asAdmin(), id, Map.of("action", Map.of("webhook", "no-such-hook"))),
                HttpStatus.BAD_REQUEST, "action.webhook");
        assertProblem(patch(asAdmin(), id, Map.of("enabled", "no")), HttpStatus.BAD_REQUEST, "enabled");
        assertThat(get(asAdmin(), id).getBody()).isEqualTo(before);
    }

    @Test
    void aDuplicateNameIs409() {
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));

        assertProblem(create(asAdmin(), TeamFixture.onNewVersion("retrain", "eval-data", "ci")), HttpStatus.CONFLICT,
                "name");
        assertThat(list(asAdmin()).getBody()).hasSize(1);
    }

    @Test
    void renamingOntoAnotherAutomationsNameIs409() {
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String other = team.automation(TeamFixture.onNewVersion("evaluate", "eval-data", "ci"));

        assertProblem(patch(asAdmin(), other, Map.of("name", "retrain")), HttpStatus.CONFLICT, "name");
        assertThat(get(asAdmin(), other).getBody().get("name").asText()).isEqualTo("evaluate");
    }

    @Test
    void theSameNameMayBeUsedInAnotherProject() {
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        team.project("fraud");

        ResponseEntity<JsonNode> created = asAdmin().post().uri(AUTOMATIONS, team.name(), "fraud")
                .contentType(MediaType.APPLICATION_JSON)
                .body(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci")).retrieve()
                .toEntity(JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void membersAndAdminsWriteAutomations() {
        String member = team.member("MEMBER");
        String teamAdmin = team.member("ADMIN");
        RestClient asMember = as(member, TeamFixture.password(member));
        RestClient asTeamAdmin = as(teamAdmin, TeamFixture.password(teamAdmin));

        ResponseEntity<JsonNode> created = create(asMember, TeamFixture.onNewVersion("retrain", "c", "ci"));
        String id = created.getBody().get("id").asText();

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(patch(asTeamAdmin, id, Map.of("enabled", false)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(create(asTeamAdmin, TeamFixture.onNewVersion("evaluate", "c", "ci")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(asMember.delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void viewersReadButCannotWrite() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String viewer = team.member("VIEWER");
        RestClient asViewer = as(viewer, TeamFixture.password(viewer));
        JsonNode before = get(asAdmin(), id).getBody();

        assertThat(list(asViewer).getBody()).hasSize(1);
        assertThat(get(asViewer, id).getBody()).isEqualTo(before);
        assertProblem(create(asViewer, TeamFixture.onNewVersion("evaluate", "c", "ci")), HttpStatus.FORBIDDEN, null);
        assertProblem(patch(asViewer, id, Map.of("enabled", false)), HttpStatus.FORBIDDEN, null);
        assertThat(asViewer.delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(list(asAdmin()).getBody()).hasSize(1);
        assertThat(get(asAdmin(), id).getBody()).isEqualTo(before);
    }

    @Test
    void anotherTeamsAutomationsAre404AndUntouched() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        JsonNode before = get(asAdmin(), id).getBody();
        TeamFixture other = TeamFixture.create(admin());
        String stranger = other.member("ADMIN");
        RestClient asStranger = as(stranger, TeamFixture.password(stranger));

        assertProblem(list(asStranger), HttpStatus.NOT_FOUND, null);
        assertProblem(get(asStranger, id), HttpStatus.NOT_FOUND, null);
        assertProblem(patch(asStranger, id, Map.of("enabled", false)), HttpStatus.NOT_FOUND, null);
        assertProblem(create(asStranger, TeamFixture.onNewVersion("evil", "c", "ci")), HttpStatus.NOT_FOUND, null);
        assertThat(asStranger.delete().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // The id of this team's automation, asked for through the stranger's own team, names nothing there either.
        assertProblem(asStranger.get().uri(AUTOMATION, other.name(), TeamFixture.PROJECT, id).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
        assertThat(asStranger.delete().uri(AUTOMATION, other.name(), TeamFixture.PROJECT, id)
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(asAdmin(), id).getBody()).isEqualTo(before);
    }

    @Test
    void anUnknownProjectIs404() {
        ResponseEntity<JsonNode> answer = asAdmin().get().uri(AUTOMATIONS, team.name(), "no-such-project").retrieve()
                .toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.NOT_FOUND, null);
    }

    private static Map<String, Object> withAction(Map<String, Object> action) {
        Map<String, Object> body = TeamFixture.onNewVersion("a", TeamFixture.COLLECTION, "ci");
        body.put("action", action);
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(TeamFixture.onNewVersion("a", TeamFixture.COLLECTION, "ci"));
        body.put(field, value);
        return body;
    }

    private JsonNode submit(Map<String, Object> event) {
        return admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).body(event).retrieve()
                .body(JsonNode.class);
    }

    private static int executionsOf(JsonNode answer) {
        return answer.get("executions").size();
    }

    private ResponseEntity<JsonNode> list(RestClient client) {
        return client.get().uri(AUTOMATIONS, team.name(), TeamFixture.PROJECT).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(RestClient client, String id) {
        return client.get().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> create(RestClient client, Map<String, Object> body) {
        return client.post().uri(AUTOMATIONS, team.name(), TeamFixture.PROJECT).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> patch(RestClient client, String id, Map<String, Object> body) {
        return client.patch().uri(AUTOMATION, team.name(), TeamFixture.PROJECT, id)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    /** Another request waits for a project's AutomationChangeGate (a PostgreSQL advisory lock). */
    private void awaitARequestWaitingAtTheGate() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted")
                .query(Long.class).single() > 0);
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }
}
