package io.cascade.api.event;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.team.TeamRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** POST /api/v1/events/batch: one result per event, each as the single endpoint would answer it. */
class EventBatchIntegrationTest extends ApiIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Receiver receiver = new Receiver();
    @Autowired
    private JdbcClient jdbc;
    private TeamRecords records;
    private TeamFixture team;
    private String automationId;

    EventBatchIntegrationTest() throws Exception {
    }

    @BeforeEach
    void teamWithOneAutomation() {
        records = new TeamRecords(jdbc, admin());
        team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
        automationId = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void eachEventIsAcceptedWithTheExecutionsItStartedInTheOrderSent() {
        Map<String, Object> first = withId(team.newVersion(), "backfill-1");
        Map<String, Object> unmatched = withId(team.event("CREATE_ARTIFACT", "eval-data"), "backfill-2");
        Map<String, Object> third = withId(team.newVersion(), "backfill-3");

        ResponseEntity<JsonNode> answer = batch(asAdmin(), List.of(first, unmatched, third));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode results = answer.getBody().get("results");
        assertThat(results).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).get("status").asInt()).isEqualTo(202);
            assertThat(results.get(i).get("outcome").asText()).isEqualTo("ACCEPTED");
            assertThat(results.get(i).get("id").asText()).isEqualTo("backfill-" + (i + 1));
        }
        assertThat(results.get(0).get("executions")).hasSize(1);
        assertThat(results.get(0).get("executions").get(0).get("automationId").asText()).isEqualTo(automationId);
        assertThat(results.get(1).get("executions")).isEmpty();
        assertThat(results.get(2).get("executions")).hasSize(1);
        assertThat(answer.getBody().get("accepted").asInt()).isEqualTo(3);
        assertThat(records.events(team.name())).isEqualTo(3);
        assertThat(records.executions(team.name())).isEqualTo(2);
        assertThat(records.processInstances(team.name())).isEqualTo(2);
    }

    @Test
    void theWebhooksOfABatchAreDeliveredOnceEach() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(team.newVersion());
        }

        JsonNode results = batch(asAdmin(), events).getBody().get("results");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 5);
        assertThat(receiver.received()).hasSize(5);
        Set<String> executions = new HashSet<>();
        results.forEach(r -> executions.add(r.get("executions").get(0).get("id").asText()));
        assertThat(executions).hasSize(5);
    }

    @Test
    void anEventAcceptedBeforeIsAlreadyAcceptedWithItsFirstAnswerAndStartsNothing() {
        Map<String, Object> event = withId(team.newVersion(), "run-7");
        JsonNode single = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).body(event)
                .retrieve().body(JsonNode.class);

        JsonNode again = batch(asAdmin(), List.of(event, withId(team.newVersion(), "run-8"))).getBody();

        JsonNode replay = again.get("results").get(0);
        assertThat(replay.get("status").asInt()).isEqualTo(200);
        assertThat(replay.get("outcome").asText()).isEqualTo("ALREADY_ACCEPTED");
        assertThat(replay.get("executions")).isEqualTo(single.get("executions"));
        assertThat(again.get("results").get(1).get("status").asInt()).isEqualTo(202);
        assertThat(again.get("alreadyAccepted").asInt()).isEqualTo(1);
        assertThat(records.events(team.name())).isEqualTo(2);
        assertThat(records.processInstances(team.name())).isEqualTo(2);
    }

    @Test
    void theSameIdTwiceInOneBatchStartsOnce() {
        Map<String, Object> event = withId(team.newVersion(), "twice");

        JsonNode results = batch(asAdmin(), List.of(event, event)).getBody().get("results");

        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(1).get("executions")).isEqualTo(results.get(0).get("executions"));
        assertThat(records.executions(team.name())).isEqualTo(1);
        assertThat(records.processInstances(team.name())).isEqualTo(1);
    }

    @Test
    void aSecondBatchWithTheSameIdsReplaysEveryAnswer() {
        List<Map<String, Object>> events = List.of(withId(team.newVersion(), "a"), withId(team.newVersion(), "b"));
        JsonNode first = batch(asAdmin(), events).getBody().get("results");

        JsonNode second = batch(asAdmin(), events).getBody().get("results");

        for (int i = 0; i < 2; i++) {
            assertThat(second.get(i).get("status").asInt()).isEqualTo(200);
            assertThat(second.get(i).get("executions")).isEqualTo(first.get(i).get("executions"));
        }
        assertThat(records.processInstances(team.name())).isEqualTo(2);
    }

    @Test
    void concurrentBatchesWithTheSameIdsInOppositeOrdersStartEachOnce() throws Exception {
        List<Map<String, Object>> forward = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            forward.add(withId(team.newVersion(), "race-" + i));
        }
        List<Map<String, Object>> backward = new ArrayList<>(forward);
        java.util.Collections.reverse(backward);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                List<Map<String, Object>> events = c % 2 == 0 ? forward : backward;
                answers.add(pool.submit(() -> batch(asAdmin(), events).getBody()));
            }
            Map<String, JsonNode> firstAnswers = new java.util.HashMap<>();
            for (Future<JsonNode> answer : answers) {
                for (JsonNode result : answer.get().get("results")) {
                    // 202 once per id, else the first answer (200) or "send it again" (409): never a second start
                    assertThat(result.get("status").asInt()).isIn(200, 202, 409);
                    if (result.get("status").asInt() != 409) {
                        JsonNode earlier = firstAnswers.putIfAbsent(result.get("id").asText(), result.get("executions"));
                        assertThat(earlier == null || earlier.equals(result.get("executions"))).isTrue();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(records.events(team.name())).isEqualTo(20);
        assertThat(records.executions(team.name())).isEqualTo(20);
        assertThat(records.processInstances(team.name())).isEqualTo(20);
    }

    @Test
    void aRefusedEventLeavesNothingAndTheOthersGoOn() {
        Map<String, Object> bad = withId(team.newVersion(), "bad");
        bad.put("collection", "not a name");
        Map<String, Object> noVersion = withId(team.newVersion(), "no-version");
        noVersion.put("artifact", Map.of("id", "QXJ0"));
        Map<String, Object> unknownProject = withId(team.newVersion(), "elsewhere");
        unknownProject.put("project", "no-such-project");

        JsonNode answer = batch(asAdmin(), List.of(withId(team.newVersion(), "good-1"), bad, noVersion,
                unknownProject, withId(team.newVersion(), "good-2"))).getBody();

        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertRefused(results.get(1), 400, "events[1].collection");
        assertRefused(results.get(2), 400, "events[2].artifact.version");
        assertRefused(results.get(3), 404, "events[3]");
        assertThat(results.get(4).get("status").asInt()).isEqualTo(202);
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("refused").asInt()).isEqualTo(3);
        assertThat(records.events(team.name())).isEqualTo(2);
        assertThat(records.executions(team.name())).isEqualTo(2);
        assertThat(records.processInstances(team.name())).isEqualTo(2);
    }

    @Test
    void malformedEventsAreRefusedOneByOneNamingTheirField() throws Exception {
        String good = json.writeValueAsString(withId(team.newVersion(), "fine"));
        String body = "{\"events\":[" + good + ", 17, {\"type\":\"DELETE_ARTIFACT\"}, {\"type\":0}, "
                + "{\"type\":\"CREATE_ARTIFACT\",\"entity\":\"" + team.name() + "\",\"project\":\"churn\","
                + "\"collection\":true,\"artifact\":{\"version\":\"v1\"}}]}";

        JsonNode results = asAdmin().post().uri("/api/v1/events/batch").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class).get("results");

        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertRefused(results.get(1), 400, "events[1]");
        assertRefused(results.get(2), 400, "events[2].type");
        assertRefused(results.get(3), 400, "events[3].type");
        assertRefused(results.get(4), 400, "events[4].collection");
        assertThat(records.events(team.name())).isEqualTo(1);
    }

    @Test
    void anEventOfAnotherTeamIsA404OfItsOwnAndLeavesThatTeamUntouched() {
        TeamFixture other = TeamFixture.create(admin());
        other.webhook("ci", receiver.url("/hook"));
        other.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String member = team.member("MEMBER");
        RestClient client = as(member, TeamFixture.password(member));

        JsonNode results = batch(client, List.of(team.newVersion(), other.newVersion())).getBody().get("results");

        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertRefused(results.get(1), 404, "events[1]");
        assertThat(results.get(1).get("problem").get("detail").asText()).contains(other.name()).contains("not found");
        assertThat(records.events(other.name())).isZero();
        assertThat(records.processInstances(other.name())).isZero();
    }

    @Test
    void aViewersEventsAreForbiddenOneByOne() {
        String viewer = team.member("VIEWER");

        JsonNode results = batch(as(viewer, TeamFixture.password(viewer)), List.of(team.newVersion()))
                .getBody().get("results");

        assertRefused(results.get(0), 403, "events[0]");
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void moreThanAThousandEventsAreRefusedWhole() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(team.newVersion());
        }

        assertProblem(batch(asAdmin(), events), HttpStatus.BAD_REQUEST, "events");
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void aBatchWithoutEventsIsRefused() {
        assertProblem(asAdmin().post().uri("/api/v1/events/batch").contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toEntity(JsonNode.class), HttpStatus.BAD_REQUEST, "events");
        assertProblem(asAdmin().post().uri("/api/v1/events/batch").contentType(MediaType.APPLICATION_JSON)
                .body("{\"events\":{}}").retrieve().toEntity(JsonNode.class), HttpStatus.BAD_REQUEST, "events");
    }

    @Test
    void aFullBatchFitsTheBatchBodyLimitThoughItIsOverTheSingleEventLimit() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> event = team.event("CREATE_ARTIFACT", "eval-data");
            @SuppressWarnings("unchecked")
            Map<String, Object> artifact = (Map<String, Object>) event.get("artifact");
            artifact.put("metadata", Map.of("notes", "n".repeat(300)));
            events.add(event);
        }
        byte[] body = json.writeValueAsBytes(Map.of("events", events));
        assertThat(body.length).isGreaterThan(256 * 1024);

        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events/batch")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("accepted").asInt()).isEqualTo(1000);
        assertThat(records.events(team.name())).isEqualTo(1000);
    }

    @Test
    void aBatchOverItsBodyLimitIs413AndLeavesNoRow() throws Exception {
        Map<String, Object> event = team.newVersion();
        @SuppressWarnings("unchecked")
        Map<String, Object> artifact = (Map<String, Object>) event.get("artifact");
        artifact.put("metadata", Map.of("notes", "n".repeat(8 * 1024 * 1024 + 100 * 1024)));
        byte[] body = json.writeValueAsBytes(Map.of("events", List.of(event)));

        // chunked: counted as it is read, and stopped at the batch limit
        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events/batch")
                .contentType(MediaType.APPLICATION_JSON).body(out -> out.write(body)).retrieve()
                .toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.PAYLOAD_TOO_LARGE, null);
        assertThat(answer.getBody().get("detail").asText()).contains("8388608 bytes");
        assertThat(records.events(team.name())).isZero();
    }

    private static void assertRefused(JsonNode result, int status, String field) {
        assertThat(result.get("status").asInt()).isEqualTo(status);
        assertThat(result.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(result.get("problem").get("status").asInt()).isEqualTo(status);
        assertThat(result.get("problem").get("field").asText()).isEqualTo(field);
        assertThat(result.get("problem").get("detail").asText()).isNotBlank();
        assertThat(result.has("executions")).isFalse();
    }

    private static Map<String, Object> withId(Map<String, Object> event, String id) {
        event.put("id", id);
        return event;
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }

    private static ResponseEntity<JsonNode> batch(RestClient client, List<Map<String, Object>> events) {
        return client.post().uri("/api/v1/events/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("events", events)).retrieve().toEntity(JsonNode.class);
    }
}
