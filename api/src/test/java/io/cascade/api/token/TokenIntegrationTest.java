package io.cascade.api.token;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** API tokens: team and personal, as Bearer credentials on the API and for agents on /engine-rest. */
class TokenIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aTeamTokenIsShownOnceStoredAsAHashAndActsWithItsRoleInItsTeamOnly() {
        TeamFixture team = TeamFixture.create(admin());
        TeamFixture other = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");

        ResponseEntity<JsonNode> created = create(user(teamAdmin), team.name(), Map.of("name", "ci", "role", "MEMBER"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String value = created.getBody().get("value").asText();
        assertThat(value).startsWith("csc_").hasSizeGreaterThan(40);
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = ?").param(value).query(Long.class)
                .single()).isZero();
        JsonNode listed = user(teamAdmin).get().uri("/api/v1/teams/{t}/tokens", team.name()).retrieve()
                .body(JsonNode.class);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("ci");
        assertThat(listed.get(0).get("role").asText()).isEqualTo("MEMBER");
        assertThat(listed.get(0).get("createdBy").asText()).isEqualTo(teamAdmin);
        assertThat(listed.get(0).has("value")).isFalse();
        assertThat(listed.toString()).doesNotContain(value);

        assertThat(submit(bearer(value), team).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertProblem(submit(bearer(value), other), HttpStatus.NOT_FOUND, null);
        assertProblem(bearer(value).get().uri("/api/v1/teams/{t}/tokens", team.name()).retrieve()
                .toEntity(JsonNode.class), HttpStatus.FORBIDDEN, null);
        JsonNode me = bearer(value).get().uri("/api/v1/me").retrieve().body(JsonNode.class);
        assertThat(me.get("systemAdmin").asBoolean()).isFalse();
        assertThat(me.get("teams").get(0).get("name").asText()).isEqualTo(team.name());
        JsonNode used = user(teamAdmin).get().uri("/api/v1/teams/{t}/tokens", team.name()).retrieve()
                .body(JsonNode.class);
        assertThat(used.get(0).get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void aViewerTokenReadsButCannotSubmitEvents() {
        TeamFixture team = TeamFixture.create(admin());
        String value = create(admin(), team.name(), Map.of("name", "dash", "role", "VIEWER")).getBody()
                .get("value").asText();

        assertThat(bearer(value).get().uri("/api/v1/teams/{t}/projects", team.name()).retrieve()
                .toEntity(JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(submit(bearer(value), team), HttpStatus.FORBIDDEN, null);
    }

    @Test
    void aRevokedOrUnknownTokenAnswers401WithAProblemDetail() {
        TeamFixture team = TeamFixture.create(admin());
        JsonNode created = create(admin(), team.name(), Map.of("name", "ci", "role", "MEMBER")).getBody();
        String value = created.get("value").asText();
        assertThat(submit(bearer(value), team).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(admin().delete().uri("/api/v1/teams/{t}/tokens/{id}", team.name(), created.get("token").get("id")
                .asText()).retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertProblem(submit(bearer(value), team), HttpStatus.UNAUTHORIZED, null);
        assertProblem(submit(bearer("csc_" + "x".repeat(43)), team), HttpStatus.UNAUTHORIZED, null);
        assertProblem(bearer(value).get().uri("/engine-rest/external-task").retrieve().toEntity(JsonNode.class),
                HttpStatus.UNAUTHORIZED, null);
    }

    @Test
    void anExpiredTokenAnswers401() {
        TeamFixture team = TeamFixture.create(admin());
        String value = create(admin(), team.name(), Map.of("name", "short", "role", "MEMBER",
                "expiresAt", OffsetDateTime.now().plusSeconds(2).toString())).getBody().get("value").asText();
        assertThat(submit(bearer(value), team).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> submit(bearer(value), team).getStatusCode() == HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badTokenRequestsNameTheField() {
        TeamFixture team = TeamFixture.create(admin());
        assertProblem(create(admin(), team.name(), Map.of("name", "ci", "role", "OWNER")), HttpStatus.BAD_REQUEST,
                "role");
        assertProblem(create(admin(), team.name(), Map.of("name", "ci", "role", "MEMBER",
                "expiresAt", "2001-01-01T00:00:00Z")), HttpStatus.BAD_REQUEST, "expiresAt");
        assertProblem(create(admin(), team.name(), Map.of("name", "c i", "role", "MEMBER")),
                HttpStatus.BAD_REQUEST, "name");
        assertThat(admin().get().uri("/api/v1/teams/{t}/tokens", team.name()).retrieve().body(JsonNode.class))
                .isEmpty();
    }

    @Test
    void onlyTeamAdminsManageTeamTokensAndATokenCannotMintTokens() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        String outsider = TeamFixture.user(admin(), "outsider");
        String adminToken = create(admin(), team.name(), Map.of("name", "ops", "role", "ADMIN")).getBody()
                .get("value").asText();

        assertProblem(create(user(member), team.name(), Map.of("name", "x", "role", "VIEWER")),
                HttpStatus.FORBIDDEN, null);
        assertProblem(create(user(outsider), team.name(), Map.of("name", "x", "role", "VIEWER")),
                HttpStatus.NOT_FOUND, null);
        assertProblem(create(bearer(adminToken), team.name(), Map.of("name", "x", "role", "VIEWER")),
                HttpStatus.FORBIDDEN, null);
    }

    @Test
    void aPersonalTokenActsAsItsUserUntilRevoked() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        JsonNode created = user(member).post().uri("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "laptop")).retrieve().body(JsonNode.class);
        String value = created.get("value").asText();

        assertThat(bearer(value).get().uri("/api/v1/me").retrieve().body(JsonNode.class).get("username").asText())
                .isEqualTo(member);
        assertThat(submit(bearer(value), team).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode mine = user(member).get().uri("/api/v1/me/tokens").retrieve().body(JsonNode.class);
        assertThat(mine.findValuesAsText("name")).containsExactly("laptop");
        assertThat(admin().get().uri("/api/v1/me/tokens").retrieve().body(JsonNode.class)).isEmpty();
        assertProblem(admin().delete().uri("/api/v1/me/tokens/{id}", created.get("token").get("id").asText())
                .retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class),
                HttpStatus.NOT_FOUND, null);

        user(member).delete().uri("/api/v1/me/tokens/{id}", created.get("token").get("id").asText()).retrieve()
                .toBodilessEntity();

        assertProblem(bearer(value).get().uri("/api/v1/me").retrieve().toEntity(JsonNode.class),
                HttpStatus.UNAUTHORIZED, null);
    }

    @Test
    void aSystemAdministratorsPersonalTokenActsInTheirTeamsButNotAsSystemAdministrator() {
        TeamFixture team = TeamFixture.create(admin());
        String operator = TeamFixture.unique("sysadmin");
        admin().post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", operator, "password", TeamFixture.password(operator), "systemAdmin", true))
                .retrieve().toBodilessEntity();
        admin().put().uri("/api/v1/teams/{t}/members/{u}", team.name(), operator).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", "MEMBER")).retrieve().toBodilessEntity();
        assertThat(user(operator).get().uri("/api/v1/me").retrieve().body(JsonNode.class).get("systemAdmin")
                .asBoolean()).isTrue();
        String value = user(operator).post().uri("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "laptop")).retrieve().body(JsonNode.class).get("value").asText();

        JsonNode me = bearer(value).get().uri("/api/v1/me").retrieve().body(JsonNode.class);
        assertThat(me.get("username").asText()).isEqualTo(operator);
        assertThat(me.get("systemAdmin").asBoolean()).isFalse();
        assertThat(submit(bearer(value), team).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertProblem(bearer(value).post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", TeamFixture.unique("planted"), "password", "planted-pw")).retrieve()
                .toEntity(JsonNode.class), HttpStatus.FORBIDDEN, null);
        assertThat(bearer(value).get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(bearer(value).get().uri("/engine-rest/process-instance").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(user(operator).get().uri("/engine-rest/process-instance").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theStockExternalTaskClientRunsALaunchJobWithATeamToken() {
        TeamFixture team = TeamFixture.create(admin());
        launchSetup(team.name());
        String value = create(admin(), team.name(), Map.of("name", "gpu-agent", "role", "MEMBER")).getBody()
                .get("value").asText();
        String execution = submit(admin(), team).getBody().get("executions").get(0).get("id").asText();
        List<String> seen = new CopyOnWriteArrayList<>();
        ExternalTaskClient client = ExternalTaskClient.create()
                .baseUrl(baseUrl() + "/engine-rest")
                .workerId("gpu-agent")
                .addInterceptor(request -> request.addHeader("Authorization", "Bearer " + value))
                .asyncResponseTimeout(1000)
                .build();
        try {
            client.subscribe("launch-job").tenantIdIn(team.name()).processVariableEquals("queue", "gpu")
                    .handler((task, service) -> {
                        seen.add(task.getTenantId());
                        service.complete(task, Map.of("runId", "run-1"));
                    }).open();
            await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(admin().get()
                    .uri("/api/v1/executions/{id}", execution).retrieve().body(JsonNode.class).get("status").asText()));
        } finally {
            client.stop();
        }
        assertThat(seen).containsExactly(team.name());
    }

    @Test
    void aViewerTeamTokenGetsNoExternalTasks() {
        TeamFixture team = TeamFixture.create(admin());
        launchSetup(team.name());
        String value = create(admin(), team.name(), Map.of("name", "peek", "role", "VIEWER")).getBody()
                .get("value").asText();
        submit(admin(), team);

        Map<String, Object> topic = new HashMap<>(Map.of("topicName", "launch-job", "lockDuration", 60_000,
                "tenantIdIn", List.of(team.name())));
        JsonNode fetched = bearer(value).post().uri("/engine-rest/external-task/fetchAndLock")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workerId", "peek", "maxTasks", 10, "topics", List.of(topic)))
                .retrieve().body(JsonNode.class);
        assertThat(fetched).isEmpty();
    }

    private void launchSetup(String team) {
        post("/api/v1/teams/" + team + "/queues", Map.of("name", "gpu"));
        post("/api/v1/teams/" + team + "/projects/churn/jobs", Map.of("name", "train"));
        post("/api/v1/teams/" + team + "/projects/churn/jobs/train/versions",
                Map.of("config", Map.of("command", "python train.py")));
        post("/api/v1/teams/" + team + "/projects/churn/automations", Map.of("name", "retrain",
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION),
                "action", Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0", "queue", "gpu",
                        "destinationProject", "churn")));
    }

    private void post(String uri, Object body) {
        admin().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    private ResponseEntity<JsonNode> create(RestClient client, String team, Map<String, Object> body) {
        return client.post().uri("/api/v1/teams/{t}/tokens", team).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> submit(RestClient client, TeamFixture team) {
        return client.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION)).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
    }

    private RestClient user(String username) {
        return as(username, TeamFixture.password(username));
    }

    private RestClient bearer(String token) {
        return RestClient.builder().baseUrl(baseUrl())
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
