package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node that stopped while its request was out leaves the attempt it had recorded as started: history
 * shows it as UNKNOWN and counts it, and the retry another node makes is recorded after it. The test
 * plays the stopped node: the delivery worker is paused (the delivery task waits unfetched) while the
 * test records the started attempt, then resumed to make the retry.
 */
class CrashedAttemptIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;

    @Autowired
    private ExecutionRecorder recorder;

    CrashedAttemptIntegrationTest() throws Exception {
    }

    @AfterEach
    void releaseDeliveriesAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void anAttemptLeftStartedPastTheLockDurationIsUnknownAndTheRetryIsRecordedAfterIt() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        String id = fireHeld(acme);
        // the node that stopped two minutes ago, longer than the delivery task's lock duration (60 s), with its request out
        recorder.started(UUID.fromString(id), OffsetDateTime.now().minusMinutes(2));

        JsonNode crashed = acme.execution(id);
        assertThat(crashed.get("status").asText()).isEqualTo("RUNNING");
        assertThat(crashed.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(crashed.get("attempts")).hasSize(1);
        assertUnknown(crashed.get("attempts").get(0), 1);
        JsonNode listed = acme.get("/api/v1/teams/" + acme.name() + "/executions").get("items").get(0);
        assertThat(listed.get("attemptCount").asInt()).isEqualTo(1);

        release(acme, id);

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("attemptCount").asInt()).isEqualTo(2);
        assertThat(execution.get("attempts")).hasSize(2);
        assertUnknown(execution.get("attempts").get(0), 1);
        assertDelivered(execution.get("attempts").get(1), 2);
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id);
    }

    @Test
    void anAttemptUnderWayIsCountedAndBecomesUnknownOnceALaterAttemptStarts() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        String id = fireHeld(acme);
        recorder.started(UUID.fromString(id), OffsetDateTime.now());

        JsonNode underWay = acme.execution(id);
        assertThat(underWay.get("status").asText()).isEqualTo("RUNNING");
        assertThat(underWay.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(underWay.get("attempts")).as("listed once answered, or once it is known to be lost").isEmpty();

        release(acme, id);

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("attemptCount").asInt()).isEqualTo(2);
        assertUnknown(execution.get("attempts").get(0), 1);
        assertDelivered(execution.get("attempts").get(1), 2);
    }

    /** Fires an event with the delivery worker paused, so no attempt is made until {@link #release}. */
    private String fireHeld(TeamFixture team) {
        worker.pause();
        return team.fire("alice");
    }

    private void release(TeamFixture team, String id) {
        worker.resume();
    }

    private static void assertUnknown(JsonNode attempt, int number) {
        assertThat(attempt.get("number").asInt()).isEqualTo(number);
        assertThat(attempt.get("outcome").asText()).isEqualTo("UNKNOWN");
        assertThat(attempt.get("durationMs").isNull()).isTrue();
        assertThat(attempt.get("responseStatus").isNull()).isTrue();
        assertThat(attempt.get("error").asText()).startsWith("no answer recorded:");
    }

    private static void assertDelivered(JsonNode attempt, int number) {
        assertThat(attempt.get("number").asInt()).isEqualTo(number);
        assertThat(attempt.get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(attempt.get("responseStatus").asInt()).isEqualTo(200);
        assertThat(attempt.get("durationMs").isNull()).isFalse();
    }
}
