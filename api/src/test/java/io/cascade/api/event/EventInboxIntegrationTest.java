package io.cascade.api.event;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.team.TeamRecords;
import io.cascade.engine.ingest.InboxWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Events accepted with {@code Prefer: respond-async}: committed to the inbox before a 202 without
 * executions, then matched and started by the inbox worker exactly as a synchronous request would,
 * and visible at GET /api/v1/events/{id}.
 */
class EventInboxIntegrationTest extends ApiIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Receiver receiver = new Receiver();
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private InboxWorker worker;
    private TeamRecords records;
    private TeamFixture team;
    private String automationId;

    EventInboxIntegrationTest() throws Exception {
    }

    @BeforeEach
    void teamWithOneAutomation() {
        records = new TeamRecords(jdbc, admin());
        team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
        automationId = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void anAsyncEventIsAnswered202BeforeItIsMatchedThenStartsAndDeliversItsWebhook() {
        ResponseEntity<JsonNode> answer = async(asAdmin(), withId(team.newVersion(), "train-1"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getHeaders().getFirst("Preference-Applied")).isEqualTo("respond-async");
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/v1/events/train-1?entity=" + team.name());
        assertThat(answer.getBody().get("id").asText()).isEqualTo("train-1");
        assertThat(answer.getBody().get("executions")).isEmpty();

        JsonNode accepted = awaitAccepted(answer.getHeaders().getLocation().toString());
        assertThat(accepted.get("executions")).hasSize(1);
        assertThat(accepted.get("executions").get(0).get("automationId").asText()).isEqualTo(automationId);
        await().atMost(PATIENCE).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).header("webhook-id"))
                .isEqualTo(accepted.get("executions").get(0).get("id").asText());
        assertThat(records.events(team.name())).isEqualTo(1);
        assertThat(records.processInstances(team.name())).isEqualTo(1);
        assertThat(queuedRows()).isZero();
    }

    @Test
    void aQueuedEventShowsAsQueuedUntilTheWorkerTakesIt() {
        worker.pause();
        async(asAdmin(), withId(team.newVersion(), "wait-1"));

        JsonNode queued = asAdmin().get().uri("/api/v1/events/wait-1?entity=" + team.name()).retrieve()
                .body(JsonNode.class);
        assertThat(queued.get("status").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("receivedAt").asText()).isNotBlank();
        assertThat(queued.get("attempts").asInt()).isZero();
        assertThat(queued.get("executions")).isEmpty();
        assertThat(records.events(team.name())).isZero();

        worker.resume();
        assertThat(awaitAccepted("/api/v1/events/wait-1?entity=" + team.name()).get("executions")).hasSize(1);
    }

    @Test
    void theSameIdTwiceIsQueuedOnceAndStartsOneExecution() {
        worker.pause();
        Map<String, Object> event = withId(team.newVersion(), "twice-1");

        ResponseEntity<JsonNode> first = async(asAdmin(), event);
        ResponseEntity<JsonNode> again = async(asAdmin(), event);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(queuedRows()).isEqualTo(1);
        worker.resume();
        JsonNode accepted = awaitAccepted("/api/v1/events/twice-1?entity=" + team.name());

        ResponseEntity<JsonNode> afterwards = async(asAdmin(), event);
        assertThat(afterwards.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(afterwards.getBody().get("executions")).isEqualTo(accepted.get("executions"));
        assertThat(records.executions(team.name())).isEqualTo(1);
    }

    @Test
    void aSynchronousRequestForAQueuedIdStartsItOnceAndTheInboxReplaysIt() {
        worker.pause();
        Map<String, Object> event = withId(team.newVersion(), "both-1");
        async(asAdmin(), event);

        JsonNode sync = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).body(event)
                .retrieve().body(JsonNode.class);
        worker.resume();

        await().atMost(PATIENCE).until(() -> queuedRows() == 0);
        assertThat(sync.get("executions")).hasSize(1);
        assertThat(records.executions(team.name())).isEqualTo(1);
        assertThat(awaitAccepted("/api/v1/events/both-1?entity=" + team.name()).get("executions"))
                .isEqualTo(sync.get("executions"));
    }

    @Test
    void refusedEventsGetTheirProblemAtOnceAndLeaveNothingQueued() {
        Map<String, Object> noProject = team.newVersion();
        noProject.put("project", "no-such-project");
        assertProblem(async(asAdmin(), noProject), HttpStatus.NOT_FOUND, null);

        Map<String, Object> noCollection = team.newVersion();
        noCollection.remove("collection");
        assertProblem(async(asAdmin(), noCollection), HttpStatus.BAD_REQUEST, "collection");

        String viewer = team.member("VIEWER");
        assertProblem(async(as(viewer, TeamFixture.password(viewer)), team.newVersion()), HttpStatus.FORBIDDEN, null);

        TeamFixture other = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        assertProblem(async(as(member, TeamFixture.password(member)), other.newVersion()), HttpStatus.NOT_FOUND, null);

        assertThat(queuedRows()).isZero();
        assertThat(records.events(team.name())).isZero();
        assertThat(records.events(other.name())).isZero();
    }

    @Test
    void aTeamTokenQueuesItsOwnTeamsEventsOnlyAndAsItsRoleAllows() {
        TeamFixture other = TeamFixture.create(admin());
        RestClient member = bearer(token(team, "MEMBER"));
        RestClient viewer = bearer(token(team, "VIEWER"));

        assertThat(async(member, withId(team.newVersion(), "token-1")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertProblem(async(member, other.newVersion()), HttpStatus.NOT_FOUND, null);
        assertProblem(async(viewer, team.newVersion()), HttpStatus.FORBIDDEN, null);
        Map<String, Object> noProject = team.newVersion();
        noProject.put("project", "no-such-project");
        assertProblem(async(member, noProject), HttpStatus.NOT_FOUND, null);

        assertThat(awaitAccepted("/api/v1/events/token-1?entity=" + team.name()).get("executions")).hasSize(1);
        assertThat(records.events(team.name())).isEqualTo(1);
        assertThat(records.events(other.name())).isZero();
    }

    @Test
    void aMembershipChangedOnThisNodeHoldsForTheNextEventAtOnce() {
        String member = team.member("MEMBER");
        RestClient client = as(member, TeamFixture.password(member));
        // the read of the member's role is used again for the sync interval, unless the role changes here
        assertThat(async(client, team.newVersion()).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        admin().put().uri("/api/v1/teams/{team}/members/{user}", team.name(), member)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("role", "VIEWER")).retrieve().toBodilessEntity();
        assertProblem(async(client, team.newVersion()), HttpStatus.FORBIDDEN, null);

        admin().delete().uri("/api/v1/teams/{team}/members/{user}", team.name(), member).retrieve()
                .toBodilessEntity();
        assertProblem(async(client, team.newVersion()), HttpStatus.NOT_FOUND, null);
    }

    @Test
    void anotherTeamsEventIsNotFoundAndTheTeamIsRequired() {
        async(asAdmin(), withId(team.newVersion(), "mine-1"));
        awaitAccepted("/api/v1/events/mine-1?entity=" + team.name());
        TeamFixture other = TeamFixture.create(admin());
        String outsider = other.member("ADMIN");
        RestClient outsiderClient = as(outsider, TeamFixture.password(outsider));

        assertProblem(outsiderClient.get().uri("/api/v1/events/mine-1?entity=" + team.name()).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
        assertProblem(outsiderClient.get().uri("/api/v1/events/mine-1?entity=" + other.name()).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
        assertProblem(asAdmin().get().uri("/api/v1/events/mine-1").retrieve().toEntity(JsonNode.class),
                HttpStatus.BAD_REQUEST, "entity");
        String viewer = team.member("VIEWER");
        assertThat(as(viewer, TeamFixture.password(viewer)).get().uri("/api/v1/events/mine-1?entity=" + team.name())
                .retrieve().body(JsonNode.class).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void anAsyncBatchQueuesEachEventAndTheWorkerStartsThemAll() {
        worker.pause();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(withId(team.newVersion(), "bulk-" + i));
        }
        Map<String, Object> noProject = team.newVersion();
        noProject.put("project", "no-such-project");
        events.add(noProject);
        events.add(withId(team.newVersion(), "bulk-0"));

        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events/batch")
                .header("Prefer", "respond-async").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("events", events)).retrieve().toEntity(JsonNode.class);

        assertThat(answer.getHeaders().getFirst("Preference-Applied")).isEqualTo("respond-async");
        JsonNode results = answer.getBody().get("results");
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).get("status").asInt()).isEqualTo(202);
            assertThat(results.get(i).get("outcome").asText()).isEqualTo("QUEUED");
            assertThat(results.get(i).get("executions")).isEmpty();
        }
        assertThat(results.get(5).get("status").asInt()).isEqualTo(404);
        assertThat(results.get(5).get("problem").get("field").asText()).isEqualTo("events[5]");
        assertThat(results.get(6).get("status").asInt()).isEqualTo(200);
        assertThat(answer.getBody().get("queued").asInt()).isEqualTo(5);
        assertThat(queuedRows()).isEqualTo(5);

        worker.resume();
        await().atMost(PATIENCE).until(() -> receiver.received().size() >= 5);
        assertThat(queuedRows()).isZero();
        assertThat(records.executions(team.name())).isEqualTo(5);
        Set<String> webhookIds = new HashSet<>();
        receiver.received().forEach(r -> webhookIds.add(r.header("webhook-id")));
        assertThat(webhookIds).hasSize(5);
    }

    @Test
    void anEventThatCannotBeTakenStaysQueuedWithItsErrorAndHoldsUpNoOther() {
        worker.pause();
        async(asAdmin(), withId(team.newVersion(), "good-1"));
        // a row no worker can read (as if written by a broken release): it must not block the batch
        jdbc.sql("""
                        insert into event_inbox (id, team_id, team_name, project_id, project_name, event_key, event,
                        submitted_by, received_at, due_at)
                        select ?, t.id, t.name, p.id, p.name, 'broken-1', '{not json', 'admin', now(), now()
                        from teams t join projects p on p.team_id = t.id where t.name = ? and p.name = ?""")
                .params(UUID.randomUUID(), team.name(), TeamFixture.PROJECT).update();
        async(asAdmin(), withId(team.newVersion(), "good-2"));

        worker.resume();

        awaitAccepted("/api/v1/events/good-1?entity=" + team.name());
        awaitAccepted("/api/v1/events/good-2?entity=" + team.name());
        JsonNode broken = asAdmin().get().uri("/api/v1/events/broken-1?entity=" + team.name()).retrieve()
                .body(JsonNode.class);
        await().atMost(PATIENCE).until(() -> asAdmin().get().uri("/api/v1/events/broken-1?entity=" + team.name())
                .retrieve().body(JsonNode.class).get("attempts").asInt() >= 1);
        broken = asAdmin().get().uri("/api/v1/events/broken-1?entity=" + team.name()).retrieve().body(JsonNode.class);
        assertThat(broken.get("status").asText()).isEqualTo("QUEUED");
        assertThat(broken.get("lastError").asText()).contains("internal error");
        assertThat(broken.get("nextAttemptAt").asText()).isNotBlank();
        assertThat(records.executions(team.name())).isEqualTo(2);
    }

    private JsonNode awaitAccepted(String location) {
        return await().atMost(PATIENCE).until(() -> asAdmin().get().uri(location).retrieve().body(JsonNode.class),
                status -> "ACCEPTED".equals(status.get("status").asText()));
    }

    private long queuedRows() {
        return jdbc.sql("select count(*) from event_inbox i join teams t on t.id = i.team_id where t.name = ?")
                .param(team.name()).query(Long.class).single();
    }

    private static ResponseEntity<JsonNode> async(RestClient client, Map<String, Object> event) {
        return client.post().uri("/api/v1/events").header("Prefer", "respond-async")
                .contentType(MediaType.APPLICATION_JSON).body(event).retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> withId(Map<String, Object> event, String id) {
        event.put("id", id);
        return event;
    }

    private String token(TeamFixture owner, String role) {
        return admin().post().uri("/api/v1/teams/{t}/tokens", owner.name()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", unique("ci"), "role", role)).retrieve().body(JsonNode.class).get("value").asText();
    }

    private RestClient bearer(String token) {
        return RestClient.builder().baseUrl(baseUrl()).defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }
}
