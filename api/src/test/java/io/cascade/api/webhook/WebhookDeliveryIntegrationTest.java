package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import io.cascade.api.support.Receiver;
import io.cascade.api.support.Receiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook delivery against a real receiver: signatures, retries, rejections, 410, history. */
class WebhookDeliveryIntegrationTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String WHSEC = "whsec_" + Base64.getEncoder().encodeToString(
            "a-32-byte-signing-key-for-tests!".getBytes(StandardCharsets.UTF_8));

    private final Receiver receiver = new Receiver();

    @Autowired
    private JdbcClient jdbc;

    WebhookDeliveryIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReceiverThatFailsTwiceGetsThreeIdenticalSignedAttemptsAndTheExecutionFinishes() throws Exception {
        receiver.answering(503, 500);
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", WHSEC)
                .ciWebhook(receiver.url("/hook"), "signing", null)
                .notifyCi("{\"version\":\"${artifact_version_string}\"}");

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        List<Received> attempts = receiver.received();
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(Received::bodyText).containsOnly(attempts.get(0).bodyText());
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(id);
        for (Received attempt : attempts) {
            new Webhook(WHSEC).verify(attempt.bodyText(), lowerCaseHeaders(attempt));
            assertThat(attempt.header("X-Wandb-Signature")).isEqualTo(hmac(WHSEC, attempt.body()));
        }
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("attempts")).extracting(a -> a.get("responseStatus").asInt())
                .containsExactly(503, 500, 200);
        assertThat(execution.get("action").get("url").asText()).isEqualTo(receiver.url("/hook"));
    }

    @Test
    void aBadRequestGetsExactlyOneAttemptAndFailsTheExecution() throws Exception {
        receiver.answering(400);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        Thread.sleep(2500); // longer than the test retry schedule: a retry would have happened by now
        assertThat(receiver.received()).hasSize(1);
        assertThat(acme.execution(id).get("lastError").asText()).contains("400");
    }

    @Test
    void goneDisablesTheWebhookWithTheReason() {
        receiver.answering(410);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        JsonNode webhook = acme.get("/api/v1/teams/" + acme.name() + "/webhooks/ci");
        assertThat(webhook.get("enabled").asBoolean()).isFalse();
        assertThat(webhook.get("disabledReason").asText()).contains("410");

        String next = acme.fire("bob");
        assertThat(acme.execution(next).get("status").asText()).isEqualTo("FAILED");
        assertThat(acme.execution(next).get("lastError").asText()).contains("disabled");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void exhaustedRetriesFailTheExecutionAndRaiseAnIncident() {
        receiver.answering(503, 503, 503);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        String processInstance = acme.execution(id).get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode incidents = acme.get("/engine-rest/incident?processInstanceId=" + processInstance);
            assertThat(incidents).hasSize(1);
            assertThat(incidents.get(0).get("incidentMessage").asText()).contains("503");
        });
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void retryAfterFromTheReceiverPostponesTheNextAttempt() {
        receiver.answering(429).retryAfter("3");
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        List<Received> attempts = receiver.received();
        assertThat(attempts).hasSize(2);
        // the test schedule would retry after 1 s; the receiver asked for 3
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void redeliveryMakesOneMoreAttemptWithTheSameWebhookId() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));

        acme.redeliver(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> acme.execution(id).get("attempts").size() == 2);
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id, id);
        assertThat(acme.execution(id).get("status").asText()).isEqualTo("FINISHED");
    }

    @Test
    void aRedeliveryAfterExhaustedRetriesStaysRunningUntilItsOwnLastAttempt() {
        receiver.answering(503, 503, 503, 503, 503, 503);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        // from now on each failed attempt asks for 5 s, long enough to read the status between attempts
        receiver.retryAfter("5");

        acme.redeliver(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> acme.execution(id).get("attempts").size() >= 4);
        JsonNode afterFirstRedeliveryAttempt = acme.execution(id);
        assertThat(afterFirstRedeliveryAttempt.get("attempts")).hasSize(4);
        assertThat(afterFirstRedeliveryAttempt.get("status").asText()).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        assertThat(acme.execution(id).get("attempts")).hasSize(6);
        assertThat(receiver.received()).hasSize(6);
    }

    @Test
    void aFailureBeforeSendingIsRecordedAsAnAttemptAndFailsTheExecution() {
        TeamFixture acme = TeamFixture.create(admin()).secret("signing", WHSEC)
                .ciWebhook(receiver.url("/hook"), "signing", null)
                .notifyCi("{}");
        // what a changed CASCADE_SECRET_KEY looks like: a ciphertext this key cannot open
        jdbc.sql("update secrets set ciphertext = ? where name = 'signing' and team_id = (select id from teams where name = ?)")
                .params(Base64.getEncoder().encodeToString(new byte[64]), acme.name())
                .update();

        String id = acme.fire("alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("attempts")).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.path("responseStatus").isNull()).isTrue();
            assertThat(attempt.get("error").asText()).startsWith("not sent:").contains("could not decrypt a secret");
        });
        assertThat(execution.get("lastError").asText()).contains("could not decrypt a secret");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anAuthorCannotInjectJsonIntoThePayload() throws Exception {
        String attacker = "a\",\"admin\":true,\"x\":\"";
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{\"author\":\"${event_author}\"}");

        acme.fire(attacker);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.get("author").asText()).isEqualTo(attacker);
        assertThat(body.has("admin")).isFalse();
    }

    static Map<String, List<String>> lowerCaseHeaders(Received received) {
        return received.headers().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue));
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
