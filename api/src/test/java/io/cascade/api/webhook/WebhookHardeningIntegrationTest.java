package io.cascade.api.webhook;

import io.cascade.api.team.TeamFixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Answers that must neither leak another team's existence nor accept what can only fail later. */
class WebhookHardeningIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    WebhookHardeningIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anotherTeamsExecutionAnswersAsAnIdThatDoesNotExist() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        TeamFixture globex = TeamFixture.create(admin());
        String outsider = globex.member("ADMIN");
        String missing = UUID.randomUUID().toString();

        for (String path : new String[] {"/api/v1/executions/{id}", "/api/v1/executions/{id}/redeliver"}) {
            boolean redeliver = path.endsWith("redeliver");
            ResponseEntity<JsonNode> theirs = request(outsider, path, id, redeliver);
            ResponseEntity<JsonNode> none = request(outsider, path, missing, redeliver);

            assertThat(theirs.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(theirs.getBody().get("detail").asText()).isEqualTo("execution " + id + " not found");
            assertThat(theirs.getBody().get("detail").asText().replace(id, missing))
                    .isEqualTo(none.getBody().get("detail").asText());
            assertThat(theirs.getBody().toString()).doesNotContain(acme.name()).doesNotContain("team");
        }
    }

    @Test
    void aWebhookUrlWithAnInvalidPortIsRefusedAtSaveNamingUrl() {
        TeamFixture acme = TeamFixture.create(admin());

        ResponseEntity<JsonNode> refused = as(ADMIN_USER, ADMIN_PASSWORD).post()
                .uri("/api/v1/teams/{t}/webhooks", acme.name()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "bad", "url", "https://hooks.example.com:84533/hook")).retrieve()
                .toEntity(JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("field").asText()).isEqualTo("url");
        assertThat(refused.getBody().get("detail").asText()).contains("84533");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/webhooks")).isEmpty();
    }

    @Test
    void aTemplateOverTheDepthLimitIsRefusedAtSaveNamingTheFieldAndTheLimit() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null);
        String deep = "{{#event_type}}".repeat(250) + "{}" + "{{/event_type}}".repeat(250);

        ResponseEntity<JsonNode> refused = as(ADMIN_USER, ADMIN_PASSWORD).post()
                .uri("/api/v1/teams/{t}/projects/churn/automations", acme.name()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "deep", "enabled", true,
                        "event", Map.of("type", "CREATE_ARTIFACT", "collection", "training-data"),
                        "action", Map.of("type", "GENERIC_WEBHOOK", "webhook", "ci", "payload", deep)))
                .retrieve().toEntity(JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("field").asText()).isEqualTo("action.payload");
        assertThat(refused.getBody().get("detail").asText()).contains("the limit is 10");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/projects/churn/automations")).isEmpty();
    }

    private ResponseEntity<JsonNode> request(String user, String path, String id, boolean post) {
        var client = as(user, TeamFixture.password(user));
        return (post ? client.post().uri(path, id).contentType(MediaType.APPLICATION_JSON).body(Map.of())
                : client.get().uri(path, id)).retrieve().toEntity(JsonNode.class);
    }
}
