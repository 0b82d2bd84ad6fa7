package io.cascade.api.event;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.team.TeamRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** POST /api/v1/events: what a client is answered, and what is (and is not) left behind. */
class EventIntegrationTest extends ApiIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Receiver receiver = new Receiver();
    @Autowired
    private JdbcClient jdbc;
    private TeamRecords records;
    private TeamFixture team;
    private String automationId;

    EventIntegrationTest() throws Exception {
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
    void anAcceptedEventAnswers202WithTheExecutionsItStarted() {
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-42");

        ResponseEntity<JsonNode> answer = post(asAdmin(), event);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().get("id").asText()).isEqualTo("run-42");
        JsonNode executions = answer.getBody().get("executions");
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).get("automation").asText()).isEqualTo("retrain");
        assertThat(executions.get(0).get("automationId").asText()).isEqualTo(automationId);
        assertThat(processInstancesOfExecution(executions.get(0).get("id").asText())).isEqualTo(1);
    }

    @Test
    void anEventThatMatchesNoAutomationIsAcceptedAndStartsNothing() {
        ResponseEntity<JsonNode> answer = post(asAdmin(), team.event("CREATE_ARTIFACT", "eval-data"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().get("executions")).isEmpty();
        assertThat(records.events(team.name())).isEqualTo(1);
        assertThat(records.processInstances(team.name())).isZero();
    }

    @Test
    void withoutAnIdTheServerAssignsOneForEachEvent() {
        String first = post(asAdmin(), team.newVersion()).getBody().get("id").asText();
        ResponseEntity<JsonNode> second = post(asAdmin(), team.newVersion());

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(first).isNotBlank();
        assertThat(second.getBody().get("id").asText()).isNotBlank().isNotEqualTo(first);
        assertThat(records.processInstances(team.name())).isEqualTo(2);
    }

    @Test
    void aRepeatedIdAnswers200WithTheFirstAnswerAndStartsNothing() {
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-7");
        ResponseEntity<JsonNode> first = post(asAdmin(), event);

        ResponseEntity<JsonNode> repeated = post(asAdmin(), event);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeated.getBody()).isEqualTo(first.getBody());
        assertNothingStartedTwice(first.getBody());
    }

    @Test
    void aRepeatedIdempotencyKeyHeaderAnswers200WithTheFirstAnswerAndStartsNothing() {
        ResponseEntity<JsonNode> first = post(asAdmin(), team.newVersion(), "upload-2024-06-01");

        ResponseEntity<JsonNode> repeated = post(asAdmin(), team.newVersion(), "upload-2024-06-01");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(first.getBody().get("id").asText()).isEqualTo("upload-2024-06-01");
        assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeated.getBody()).isEqualTo(first.getBody());
        assertNothingStartedTwice(first.getBody());
    }

    @Test
    void aBodyIdRepeatedAsTheHeaderIsTheSameEvent() {
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-8");
        ResponseEntity<JsonNode> first = post(asAdmin(), event);

        ResponseEntity<JsonNode> repeated = post(asAdmin(), team.newVersion(), "run-8");

        assertThat(repeated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(repeated.getBody()).isEqualTo(first.getBody());
        assertNothingStartedTwice(first.getBody());
    }

    @Test
    void concurrentRepeatsOfOneIdStartItOnce() throws Exception {
        Map<String, Object> event = team.newVersion();
        event.put("id", "burst-1");
        int clients = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<ResponseEntity<JsonNode>> client = () -> {
                    go.await();
                    return post(asAdmin(), event);
                };
                answers.add(pool.submit(client));
            }
            go.countDown();
            List<ResponseEntity<JsonNode>> done = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> answer : answers) {
                done.add(answer.get());
            }

            assertThat(done).extracting(ResponseEntity::getStatusCode)
                    .containsOnlyOnce(HttpStatus.ACCEPTED)
                    .containsOnly(HttpStatus.ACCEPTED, HttpStatus.OK);
            assertThat(done).extracting(ResponseEntity::getBody).containsOnly(done.get(0).getBody());
            assertNothingStartedTwice(done.get(0).getBody());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameIdInAnotherTeamIsAnotherEvent() {
        TeamFixture other = TeamFixture.create(admin());
        other.webhook("ci", receiver.url("/hook"));
        other.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-1");
        Map<String, Object> otherEvent = other.newVersion();
        otherEvent.put("id", "run-1");

        ResponseEntity<JsonNode> first = post(asAdmin(), event);
        ResponseEntity<JsonNode> second = post(asAdmin(), otherEvent);

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getBody().get("executions").get(0).get("id"))
                .isNotEqualTo(first.getBody().get("executions").get(0).get("id"));
    }

    @Test
    void aBodyIdAndAHeaderThatDifferAreRefused() {
        Map<String, Object> event = team.newVersion();
        event.put("id", "run-1");

        assertProblem(post(asAdmin(), event, "run-2"), HttpStatus.BAD_REQUEST, "id");
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void anIdempotencyKeyThatIsNotANameIsRefused() {
        assertProblem(post(asAdmin(), team.newVersion(), "not a name"), HttpStatus.BAD_REQUEST, "Idempotency-Key");
        assertThat(records.events(team.name())).isZero();
    }

    static Stream<Arguments> badEvents() {
        String artifact = "'artifact':{'id':'QXJ0','version':'v3'}";
        String where = "'entity':'TEAM','project':'churn','collection':'training-data'";
        String tooLong = "x".repeat(129);
        return Stream.of(
                Arguments.of("type missing", "{" + where + "," + artifact + "}", "type"),
                Arguments.of("type unknown", "{'type':'DELETE_ARTIFACT'," + where + "," + artifact + "}", "type"),
                Arguments.of("type a number", "{'type':0," + where + "," + artifact + "}", "type"),
                Arguments.of("alias missing", "{'type':'ADD_ARTIFACT_ALIAS'," + where + "," + artifact + "}", "alias"),
                Arguments.of("alias blank", "{'type':'ADD_ARTIFACT_ALIAS','alias':' '," + where + "," + artifact + "}",
                        "alias"),
                Arguments.of("malformed JSON", "{'type':'CREATE_ARTIFACT'," + where, "body"),
                Arguments.of("not an object", "['CREATE_ARTIFACT']", "body"),
                Arguments.of("entity missing", "{'type':'CREATE_ARTIFACT','project':'churn','collection':'c'," + artifact
                        + "}", "entity"),
                Arguments.of("entity not a name", "{'type':'CREATE_ARTIFACT','entity':'acme corp','project':'churn',"
                        + "'collection':'c'," + artifact + "}", "entity"),
                Arguments.of("project not a name", "{'type':'CREATE_ARTIFACT','entity':'TEAM','project':'churn/x',"
                        + "'collection':'c'," + artifact + "}", "project"),
                Arguments.of("collection too long", "{'type':'CREATE_ARTIFACT','entity':'TEAM','project':'churn',"
                        + "'collection':'" + tooLong + "'," + artifact + "}", "collection"),
                Arguments.of("collection a boolean", "{'type':'CREATE_ARTIFACT','entity':'TEAM','project':'churn',"
                        + "'collection':true," + artifact + "}", "collection"),
                Arguments.of("id not a name", "{'id':'run 1','type':'CREATE_ARTIFACT'," + where + "," + artifact + "}",
                        "id"),
                Arguments.of("id a number", "{'id':17,'type':'CREATE_ARTIFACT'," + where + "," + artifact + "}", "id"),
                Arguments.of("author a number", "{'author':5,'type':'CREATE_ARTIFACT'," + where + "," + artifact + "}",
                        "author"),
                Arguments.of("author too long", "{'author':'" + tooLong + "','type':'CREATE_ARTIFACT'," + where + ","
                        + artifact + "}", "author"),
                Arguments.of("artifact missing", "{'type':'CREATE_ARTIFACT'," + where + "}", "artifact"),
                Arguments.of("artifact a string", "{'type':'CREATE_ARTIFACT'," + where + ",'artifact':'v3'}",
                        "artifact"),
                Arguments.of("artifact version missing", "{'type':'CREATE_ARTIFACT'," + where
                        + ",'artifact':{'id':'QXJ0'}}", "artifact.version"),
                Arguments.of("artifact metadata a list", "{'type':'CREATE_ARTIFACT'," + where
                        + ",'artifact':{'version':'v3','metadata':[1200]}}", "artifact.metadata"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badInputIsA400NamingTheFieldAndLeavesNoRow(String label, String body, String field) {
        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(body.replace('\'', '"').replace("TEAM", team.name())).retrieve().toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.BAD_REQUEST, field);
        assertThat(records.events(team.name())).isZero();
        assertThat(records.executions(team.name())).isZero();
    }

    @Test
    void aMissingBodyIsA400() {
        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .retrieve().toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.BAD_REQUEST, "body");
    }

    @Test
    void anUnknownTeamIs404() {
        Map<String, Object> event = team.newVersion();
        event.put("entity", TeamFixture.unique("no-such-team"));

        assertProblem(post(asAdmin(), event), HttpStatus.NOT_FOUND, null);
    }

    @Test
    void anUnknownProjectIs404AndLeavesNoRow() {
        Map<String, Object> event = team.newVersion();
        event.put("project", "no-such-project");

        assertProblem(post(asAdmin(), event), HttpStatus.NOT_FOUND, null);
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void membersAndAdminsOfTheTeamMaySubmit() {
        String member = team.member("MEMBER");
        String teamAdmin = team.member("ADMIN");

        assertThat(post(as(member, TeamFixture.password(member)), team.newVersion()).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(as(teamAdmin, TeamFixture.password(teamAdmin)), team.newVersion()).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void aViewerIsForbiddenAndStartsNothing() {
        String viewer = team.member("VIEWER");

        assertProblem(post(as(viewer, TeamFixture.password(viewer)), team.newVersion()), HttpStatus.FORBIDDEN, null);
        assertThat(records.events(team.name())).isZero();
        assertThat(records.processInstances(team.name())).isZero();
    }

    @Test
    void aNonMemberIsAnsweredAsIfTheTeamDidNotExist() {
        String outsider = TeamFixture.user(admin(), "outsider");
        RestClient client = as(outsider, TeamFixture.password(outsider));
        Map<String, Object> missing = team.newVersion();
        missing.put("entity", "no-such-team");

        ResponseEntity<JsonNode> existing = post(client, team.newVersion());
        ResponseEntity<JsonNode> absent = post(client, missing);

        assertProblem(existing, HttpStatus.NOT_FOUND, null);
        assertThat(existing.getBody().get("detail").asText().replace(team.name(), "no-such-team"))
                .isEqualTo(absent.getBody().get("detail").asText());
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void unknownCredentialsAre401() {
        ResponseEntity<JsonNode> answer = post(as(TeamFixture.unique("nobody"), "whatever"), team.newVersion());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void aBodyOver256KbIs413AndLeavesNoRow() throws Exception {
        byte[] body = json.writeValueAsBytes(withMetadataOf(300 * 1024));

        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.PAYLOAD_TOO_LARGE, null);
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void aChunkedBodyOver256KbIs413AndLeavesNoRow() throws Exception {
        byte[] body = json.writeValueAsBytes(withMetadataOf(300 * 1024));

        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(out -> out.write(body)).retrieve().toEntity(JsonNode.class);

        assertProblem(answer, HttpStatus.PAYLOAD_TOO_LARGE, null);
        assertThat(records.events(team.name())).isZero();
    }

    @Test
    void aBodyJustUnder256KbIsAccepted() throws Exception {
        byte[] body = json.writeValueAsBytes(withMetadataOf(250 * 1024));

        ResponseEntity<JsonNode> answer = asAdmin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private Map<String, Object> withMetadataOf(int bytes) {
        Map<String, Object> event = team.newVersion();
        @SuppressWarnings("unchecked")
        Map<String, Object> artifact = (Map<String, Object>) event.get("artifact");
        artifact.put("metadata", Map.of("notes", "n".repeat(bytes)));
        return event;
    }

    private void assertNothingStartedTwice(JsonNode firstAnswer) {
        assertThat(firstAnswer.get("executions")).hasSize(1);
        assertThat(records.events(team.name())).isEqualTo(1);
        assertThat(records.executions(team.name())).isEqualTo(1);
        assertThat(records.processInstances(team.name())).isEqualTo(1);
        assertThat(processInstancesOfExecution(firstAnswer.get("executions").get(0).get("id").asText()))
                .isEqualTo(1);
    }

    private long processInstancesOfExecution(String executionId) {
        return admin().get().uri("/engine-rest/history/process-instance?variables=executionId_eq_{id}", executionId)
                .retrieve().body(JsonNode.class).size();
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }

    private static ResponseEntity<JsonNode> post(RestClient client, Map<String, Object> event) {
        return client.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).body(event)
                .retrieve().toEntity(JsonNode.class);
    }

    private static ResponseEntity<JsonNode> post(RestClient client, Map<String, Object> event, String idempotencyKey) {
        return client.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(event).retrieve().toEntity(JsonNode.class);
    }
}
