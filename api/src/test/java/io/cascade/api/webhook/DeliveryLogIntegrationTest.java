package io.cascade.api.webhook;

import io.cascade.api.team.TeamFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A failed attempt is an expected event: one log line naming execution, webhook and status, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryLogIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    DeliveryLogIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aRetriedAttemptLogsOneLineAndNoStackTrace(CapturedOutput output) {
        receiver.answering(503);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));

        List<String> aboutIt = output.getAll().lines().filter(line -> line.contains(id)).toList();
        assertThat(aboutIt).hasSize(1);
        assertThat(aboutIt.get(0)).contains("webhook ci").contains("503").contains("WARN");
        assertThat(output.getAll()).doesNotContain("WebhookDeliveryException").doesNotContain("ENGINE-14006")
                .doesNotContain("ENGINE-16004");
    }

    @Test
    void aConnectionFailureLogsOneLineNamingTheError(CapturedOutput output) {
        String unreachable = receiver.url("/hook");
        receiver.close();
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(unreachable, null, null)
                .notifyCi("{}");

        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> acme.execution(id).get("attempts").size() >= 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains(id));

        List<String> aboutIt = output.getAll().lines().filter(line -> line.contains(id)).toList();
        assertThat(aboutIt).hasSizeGreaterThanOrEqualTo(1).allSatisfy(line ->
                assertThat(line).contains("webhook ci").containsIgnoringCase("connect"));
        assertThat(output.getAll()).doesNotContain("WebhookDeliveryException").doesNotContain("ENGINE-14006")
                .doesNotContain("ENGINE-16004");
    }
}
