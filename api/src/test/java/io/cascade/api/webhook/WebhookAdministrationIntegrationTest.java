package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** Secrets, webhooks, the test button and the history API, as team admins and others see them. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookAdministrationIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    @Autowired
    JdbcClient jdbc;

    WebhookAdministrationIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSecretIsSentButAppearsInNoResponseLogOrHistoryRow(CapturedOutput output) {
        String secret = "sk-live-" + unique("never-shown");
        receiver.echoing();
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", secret)
                .secret("DEPLOY_TOKEN", secret).ciWebhook(receiver.url("/hook"), "signing", "DEPLOY_TOKEN")
                .notifyCi("{\"token\":\"${DEPLOY_TOKEN}\"}");

        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));

        assertThat(receiver.received().get(0).bodyText()).isEqualTo("{\"token\":\"" + secret + "\"}");
        assertThat(receiver.received().get(0).header("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(acme.execution(id).toString()).doesNotContain(secret).contains("********");
        // the receiver echoed the token header and the payload; the stored answer shows them masked
        assertThat(acme.execution(id).get("attempts").get(0).get("responseBody").asText())
                .isEqualTo("POST ********\nAuthorization: Bearer ********\n{\"token\":\"********\"}");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/secrets").toString()).doesNotContain(secret)
                .contains("DEPLOY_TOKEN");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/webhooks").toString()).doesNotContain(secret);
        assertThat(acme.get("/engine-rest/history/variable-instance?processInstanceId="
                + acme.execution(id).get("processInstanceId").asText()).toString()).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
        for (String table : List.of("secrets", "executions", "execution_attempts", "events", "webhooks",
                "act_hi_varinst", "act_hi_detail", "act_ru_variable", "act_ge_bytearray")) {
            assertThat(jdbc.sql("select * from " + table).query().listOfRows().toString())
                    .as(table).doesNotContain(secret);
        }
    }

    @Test
    void onlyTeamAdminsManageSecretsAndASecretInUseCannotBeDeleted() {
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", "s3cret")
                .ciWebhook(receiver.url("/hook"), "signing", null);
        String member = member(acme.name(), "MEMBER");

        assertThat(as(member, "member-password").get().uri("/api/v1/teams/{t}/secrets", acme.name()).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> delete = as(ADMIN_USER, ADMIN_PASSWORD).delete()
                .uri("/api/v1/teams/{t}/secrets/signing", acme.name()).retrieve().toEntity(String.class);
        assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(delete.getBody()).contains("ci");
    }

    @Test
    void forbiddenWebhookUrlsAreRefusedNamingTheField() {
        TeamFixture acme = TeamFixture.create(admin());
        for (String url : List.of("http://localhost/hook", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.5/hook", "http://167772165/", "http://[::1]/", "ftp://hooks.example.com/")) {
            ResponseEntity<String> refused = as(ADMIN_USER, ADMIN_PASSWORD).post()
                    .uri("/api/v1/teams/{t}/webhooks", acme.name()).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "bad", "url", url)).retrieve().toEntity(String.class);
            assertThat(refused.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).as(url).contains("\"field\":\"url\"");
        }
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/webhooks")).isEmpty();
    }

    @Test
    void theTestButtonReportsWhatTheReceiverAnswered() {
        receiver.answering(418);
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", "s3cret")
                .ciWebhook(receiver.url("/hook"), "signing", null);

        JsonNode result = acme.post("/api/v1/teams/" + acme.name() + "/webhooks/ci/test", Map.of("payload", "{\"ping\":1}"));

        assertThat(result.get("status").asInt()).isEqualTo(418);
        assertThat(result.get("ok").asBoolean()).isFalse();
        assertThat(result.get("body").asText()).isEqualTo("{\"answered\":418}");
        assertThat(receiver.received().get(0).bodyText()).isEqualTo("{\"ping\":1}");
        assertThat(receiver.received().get(0).header("X-Wandb-Signature")).isNotBlank();
    }

    @Test
    void theTestButtonMasksTheSecretsAnEchoingReceiverSendsBack() {
        String token = "xoxb-" + unique("token");
        receiver.echoing();
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", "s3cret")
                .secret("token", token).ciWebhook(receiver.url("/hook"), "signing", "token");

        JsonNode result = acme.post("/api/v1/teams/" + acme.name() + "/webhooks/ci/test", Map.of("payload", "{\"ping\":1}"));

        assertThat(receiver.received().get(0).header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(result.get("body").asText()).isEqualTo("POST ********\nAuthorization: Bearer ********\n{\"ping\":1}");
        assertThat(result.get("headers")).anySatisfy(value -> assertThat(value.asText()).isEqualTo("Bearer ********"));
        assertThat(result.toString()).doesNotContain(token);
    }

    @Test
    void onlyTeamAdminsSeeAWebhookUrlWholeEveryoneElseSeesItsOrigin() {
        String secretPath = "/services/T0001/B0002/" + unique("credential");
        String origin = receiver.url("");
        receiver.echoing(); // and its answer, stored in the attempt, repeats the path
        TeamFixture acme = TeamFixture.create(admin())
                .ciWebhook(receiver.url(secretPath + "?token=q"), null, null).notifyCi("{}");
        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        String history = "/api/v1/teams/" + acme.name() + "/projects/churn/executions";

        RestClient viewer = as(member(acme.name(), "VIEWER"), "member-password");
        RestClient teamMember = as(member(acme.name(), "MEMBER"), "member-password");

        for (RestClient reader : List.of(viewer, teamMember)) {
            JsonNode execution = reader.get().uri("/api/v1/executions/{id}", id).retrieve().body(JsonNode.class);
            assertThat(urlIn(execution)).isEqualTo(origin);
            assertThat(execution.get("attempts").get(0).get("responseBody").asText()).startsWith("POST ********\n");
            assertThat(execution.toString()).doesNotContain("B0002");
            assertThat(urlIn(reader.get().uri(history).retrieve().body(JsonNode.class).get("items").get(0)))
                    .isEqualTo(origin);
        }
        assertThat(urlIn(teamMember.post().uri("/api/v1/executions/{id}/redeliver", id).retrieve()
                .body(JsonNode.class))).isEqualTo(origin);
        await().atMost(Duration.ofSeconds(30)).until(() -> acme.execution(id).get("attempts").size() == 2);
        String teamAdmin = member(acme.name(), "ADMIN");
        assertThat(urlIn(as(teamAdmin, "member-password").get().uri("/api/v1/executions/{id}", id).retrieve()
                .body(JsonNode.class))).isEqualTo(receiver.url(secretPath + "?token=q"));
        assertThat(urlIn(acme.execution(id))).isEqualTo(receiver.url(secretPath + "?token=q"));
    }

    @Test
    void aMembersDryRunAndAutomationListDoNotShowTheWebhookUrl() {
        String secretPath = "/services/T0001/B0002/" + unique("credential");
        TeamFixture acme = TeamFixture.create(admin())
                .ciWebhook(receiver.url(secretPath), null, null).notifyCi("{}");
        RestClient member = as(member(acme.name(), "MEMBER"), "member-password");

        ResponseEntity<String> dryRun = member.post().uri("/api/v1/events/dry-run")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "CREATE_ARTIFACT", "entity", acme.name(), "project", "churn", "author", "alice",
                        "collection", "training-data",
                        "artifact", Map.of("id", "QXJ0aWZhY3Q6NTE3ODg5ODg3", "version", "v3", "type", "dataset")))
                .retrieve().toEntity(String.class);
        ResponseEntity<String> automations = member.get().uri("/api/v1/teams/{t}/projects/churn/automations", acme.name())
                .retrieve().toEntity(String.class);

        assertThat(dryRun.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dryRun.getBody()).contains("notify-ci").doesNotContain(secretPath);
        assertThat(automations.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(automations.getBody()).contains("notify-ci").doesNotContain(secretPath);
    }

    @Test
    void historyIsPagedNewestFirstAndFiltered() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String first = acme.fire("a");
        String second = acme.fire("b");
        String third = acme.fire("c");
        String base = "/api/v1/teams/" + acme.name() + "/projects/churn/executions";
        await().atMost(Duration.ofSeconds(30)).until(() -> acme.get(base + "?status=FINISHED").get("items").size() == 3);

        JsonNode page1 = acme.get(base + "?limit=2");
        JsonNode page2 = acme.get(base + "?limit=2&cursor=" + page1.get("nextCursor").asText());

        assertThat(page1.get("items")).extracting(e -> e.get("id").asText()).containsExactly(third, second);
        assertThat(page2.get("items")).extracting(e -> e.get("id").asText()).containsExactly(first);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(acme.get(base + "?status=FAILED").get("items")).isEmpty();
    }

    @Test
    void anotherTeamsExecutionIsNotFound() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        TeamFixture globex = TeamFixture.create(admin());
        String outsider = member(globex.name(), "ADMIN");

        for (var request : List.of(
                as(outsider, "member-password").get().uri("/api/v1/executions/{id}", id),
                as(outsider, "member-password").post().uri("/api/v1/executions/{id}/redeliver", id),
                as(outsider, "member-password").get().uri("/api/v1/teams/{t}/projects/churn/executions", acme.name()))) {
            ResponseEntity<String> answer = request.retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getBody()).doesNotContain("alice");
        }
    }

    private static String urlIn(JsonNode execution) {
        return execution.get("action").get("url").asText();
    }

    private String member(String team, String role) {
        String user = unique("user");
        admin().post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", user, "password", "member-password")).retrieve().toBodilessEntity();
        admin().put().uri("/api/v1/teams/{t}/members/{u}", team, user).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", role)).retrieve().toBodilessEntity();
        return user;
    }
}
