package io.cascade.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.support.Receiver;
import io.cascade.api.support.Receiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** One event through every layer: REST → Drools → Camunda → signed POST to a real receiver → history. */
class FirstPathIntegrationTest extends ApiIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Receiver receiver = new Receiver();

    FirstPathIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEventReachesTheWebhookSignedAndShowsInCamundaHistory() throws Exception {
        String team = TeamFixture.create(admin()).secret("signing", "s3cret-signing-key")
                .secret("token", "bearer-token-value").ciWebhook(receiver.url("/hook"), "signing", "token")
                .notifyCi("{\"event\":\"${event_type}\",\"version\":\"${artifact_version_string}\","
                        + "\"author\":\"{{event_author}}\"}")
                .name();

        ResponseEntity<String> accepted = admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "CREATE_ARTIFACT", "entity", team, "project", "churn", "author", "alice",
                        "collection", "training-data",
                        "artifact", Map.of("id", "QXJ0aWZhY3Q6NTE3ODg5ODg3", "version", "v3", "type", "dataset")))
                .retrieve().toEntity(String.class);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode answer = json.readTree(accepted.getBody());
        assertThat(answer.get("id").asText()).isNotBlank();
        assertThat(answer.get("executions")).hasSize(1);
        assertThat(answer.get("executions").get(0).get("automation").asText()).isEqualTo("notify-ci");
        String executionId = answer.get("executions").get(0).get("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        Received request = receiver.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree(
                "{\"event\":\"CREATE_ARTIFACT\",\"version\":\"" + team + "/churn/training-data:v3\",\"author\":\"alice\"}"));
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Bearer bearer-token-value");
        assertThat(request.header("X-Wandb-Signature")).isEqualTo(hmacSha256Base64("s3cret-signing-key", request.body()));
        assertThat(request.header("User-Agent")).startsWith("Cascade");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = json.readTree(admin().get()
                    .uri("/engine-rest/history/process-instance?variables=executionId_eq_{id}", executionId)
                    .retrieve().body(String.class));
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("processDefinitionKey").asText()).isEqualTo("webhook-action");
            assertThat(history.get(0).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(history.get(0).get("tenantId").asText()).isEqualTo(team);
        });
    }

    @Test
    void engineRestNeedsCredentials() {
        assertThat(anonymous().get().uri("/engine-rest/engine").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as("nobody", "wrong").get().uri("/engine-rest/engine").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(as(ADMIN_USER, ADMIN_PASSWORD).get().uri("/engine-rest/engine").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void healthIsOpenAndTheApiIsNot() throws Exception {
        ResponseEntity<String> health = anonymous().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(health.getBody()).get("status").asText()).isEqualTo("UP");

        ResponseEntity<String> teams = anonymous().get().uri("/api/v1/teams").retrieve().toEntity(String.class);
        assertThat(teams.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(teams.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");

        ResponseEntity<String> event = anonymous().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toEntity(String.class);
        assertThat(event.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    static String hmacSha256Base64(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
