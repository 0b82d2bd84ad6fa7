package io.cascade.api.audit;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * /api/v1/teams/{team}/audit: every configuration change, who made it, before and after; never a secret.
 * /api/v1/audit: the changes outside teams (personal tokens), for system administrators.
 */
class AuditIntegrationTest extends ApiIntegrationTest {

    @Test
    void everyKindOfChangeIsRecordedWithItsActorAndNoSecretValue() {
        TeamFixture team = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");
        RestClient client = user(teamAdmin);
        String newcomer = TeamFixture.user(admin(), "newcomer");

        send(client.put().uri("/api/v1/teams/{t}/secrets/signing", team.name()), Map.of("value", "s3cret-value"));
        send(client.post().uri("/api/v1/teams/{t}/webhooks", team.name()),
                Map.of("name", "ci", "url", "https://ci.example.com/hook", "secret", "signing"));
        String id = send(client.post().uri("/api/v1/teams/{t}/projects/churn/automations", team.name()),
                TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci")).getBody().get("id").asText();
        send(client.patch().uri("/api/v1/teams/{t}/projects/churn/automations/{id}", team.name(), id),
                Map.of("enabled", false));
        send(client.put().uri("/api/v1/teams/{t}/members/{u}", team.name(), newcomer), Map.of("role", "VIEWER"));
        send(client.post().uri("/api/v1/teams/{t}/tokens", team.name()), Map.of("name", "ci", "role", "MEMBER"));
        send(client.post().uri("/api/v1/teams/{t}/queues", team.name()), Map.of("name", "gpu"));
        send(client.post().uri("/api/v1/teams/{t}/projects/churn/jobs", team.name()), Map.of("name", "train"));
        send(client.post().uri("/api/v1/teams/{t}/projects/churn/jobs/train/versions", team.name()),
                Map.of("config", Map.of("command", "python train.py")));
        send(client.put().uri("/api/v1/teams/{t}/secrets/old", team.name()), Map.of("value", "old-value"));
        assertThat(client.delete().uri("/api/v1/teams/{t}/secrets/old", team.name()).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> answer = audit(client, team, "");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode entries = answer.getBody().get("entries");
        List<String> seen = new ArrayList<>();
        entries.forEach(e -> seen.add(e.get("resourceType").asText() + " " + e.get("action").asText()));
        assertThat(seen.subList(0, 11)).containsExactly("secret deleted", "secret created", "job-version created", "job created",
                "queue created", "token created", "member created", "automation updated", "automation created",
                "webhook created", "secret created");
        entries.forEach(e -> assertThat(e.get("actor").asText()).isIn(teamAdmin, ADMIN_USER));
        assertThat(answer.getBody().toString()).doesNotContain("s3cret-value").doesNotContain("old-value");
        JsonNode updated = entries.get(7);
        assertThat(updated.get("resourceId").asText()).isEqualTo(id);
        assertThat(updated.get("before").get("enabled").asBoolean()).isTrue();
        assertThat(updated.get("after").get("enabled").asBoolean()).isFalse();
        assertThat(entries.get(6).get("after").get("role").asText()).isEqualTo("VIEWER");
        assertThat(entries.get(6).get("actor").asText()).isEqualTo(teamAdmin);
    }

    @Test
    void theLogFiltersAndPagesNewestFirst() {
        TeamFixture team = TeamFixture.create(admin());
        for (String queue : List.of("q1", "q2", "q3")) {
            send(admin().post().uri("/api/v1/teams/{t}/queues", team.name()), Map.of("name", queue));
        }
        team.secret("other", "value");

        JsonNode first = audit(admin(), team, "?resourceType=queue&limit=2").getBody();
        assertThat(first.get("entries").findValuesAsText("resourceId")).containsExactly("q3", "q2");
        JsonNode second = audit(admin(), team, "?resourceType=queue&limit=2&cursor="
                + first.get("nextCursor").asText()).getBody();
        assertThat(second.get("entries").findValuesAsText("resourceId")).containsExactly("q1");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(audit(admin(), team, "?actor=nobody").getBody().get("entries")).isEmpty();
        assertThat(audit(admin(), team, "?action=created&resourceType=secret").getBody().get("entries")
                .findValuesAsText("resourceId")).containsExactly("other");
        assertThat(audit(admin(), team, "?from=2100-01-01T00:00:00Z").getBody().get("entries")).isEmpty();
        assertProblem(audit(admin(), team, "?from=yesterday"), HttpStatus.BAD_REQUEST, "from");
        assertProblem(audit(admin(), team, "?limit=0"), HttpStatus.BAD_REQUEST, "limit");
        assertProblem(audit(admin(), team, "?cursor=nonsense"), HttpStatus.BAD_REQUEST, "cursor");
    }

    @Test
    void onlyTeamAdminsReadTheLogAndAnotherTeamsLogIsNotFound() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        String outsider = TeamFixture.user(admin(), "outsider");

        assertProblem(audit(user(member), team, ""), HttpStatus.FORBIDDEN, null);
        assertProblem(audit(user(outsider), team, ""), HttpStatus.NOT_FOUND, null);
        assertProblem(audit(anonymous(), team, ""), HttpStatus.UNAUTHORIZED, null);
    }

    @Test
    void aChangeMadeWithATokenNamesTheTokenAndAnEventRecordsItsSubmitter() {
        TeamFixture team = TeamFixture.create(admin());
        team.webhook("ci", "https://ci.example.com/hook");
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        JsonNode created = send(admin().post().uri("/api/v1/teams/{t}/tokens", team.name()),
                Map.of("name", "pipeline", "role", "ADMIN")).getBody();
        RestClient token = bearer(created.get("value").asText());

        send(token.post().uri("/api/v1/teams/{t}/queues", team.name()), Map.of("name", "gpu"));
        JsonNode submitted = send(token.post().uri("/api/v1/events"),
                team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION)).getBody();

        JsonNode entry = audit(admin(), team, "?resourceType=queue").getBody().get("entries").get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("token:" + team.name() + "/pipeline");
        assertThat(entry.get("actorToken").asText()).isEqualTo(created.get("token").get("id").asText());
        JsonNode execution = admin().get().uri("/api/v1/executions/{id}",
                submitted.get("executions").get(0).get("id").asText()).retrieve().body(JsonNode.class);
        assertThat(execution.get("event").get("author").asText()).isEqualTo("alice");
        assertThat(execution.get("event").get("submittedBy").asText()).isEqualTo("token:" + team.name() + "/pipeline");
    }

    @Test
    void personalTokensAreRecordedOutsideTeamsForSystemAdministratorsOnly() {
        String owner = TeamFixture.user(admin(), "owner");
        JsonNode created = send(user(owner).post().uri("/api/v1/me/tokens"), Map.of("name", "laptop")).getBody();
        String id = created.get("token").get("id").asText();
        assertThat(user(owner).delete().uri("/api/v1/me/tokens/{id}", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> answer = admin().get().uri("/api/v1/audit?resourceType=token&actor={a}", owner)
                .retrieve().toEntity(JsonNode.class);
        JsonNode entries = answer.getBody().get("entries");
        assertThat(entries.findValuesAsText("action")).containsExactly("revoked", "created");
        assertThat(entries.findValuesAsText("resourceId")).containsOnly(id);
        assertThat(entries.get(1).get("after").get("name").asText()).isEqualTo("laptop");
        assertThat(answer.getBody().toString()).doesNotContain(created.get("value").asText());
        assertProblem(user(owner).get().uri("/api/v1/audit").retrieve().onStatus(s -> true, (req, res) -> { })
                .toEntity(JsonNode.class), HttpStatus.FORBIDDEN, null);
    }

    private ResponseEntity<JsonNode> audit(RestClient client, TeamFixture team, String query) {
        return client.get().uri("/api/v1/teams/" + team.name() + "/audit" + query).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
    }

    private static ResponseEntity<JsonNode> send(RestClient.RequestBodySpec spec, Object body) {
        ResponseEntity<JsonNode> answer = spec.contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(JsonNode.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
        return answer;
    }

    private RestClient user(String username) {
        return as(username, TeamFixture.password(username));
    }

    private RestClient bearer(String token) {
        return RestClient.builder().baseUrl(baseUrl()).defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }
}
