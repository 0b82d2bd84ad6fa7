package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.webhook.delivery.ExpectedDeliveryFailureLogFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
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
    void theFilterSitsOnEveryAppenderNotOnEveryLoggingCall() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);

        // Micrometer's counter of log events (logback.events) is one; logback copies the list on every logging
        // call, isDebugEnabled() included, only when there are more
        assertThat(logging.getTurboFilterList()).as("turbo filters, asked about every logging call")
                .hasSizeLessThanOrEqualTo(1);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).extracting(Appender::getName).containsExactlyInAnyOrder("CONSOLE", "FILE");
        assertThat(appenders).allSatisfy(appender -> assertThat(appender.getCopyOfAttachedFiltersList())
                .as(appender.getName()).hasAtLeastOneElementOfType(ExpectedDeliveryFailureLogFilter.class));
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
