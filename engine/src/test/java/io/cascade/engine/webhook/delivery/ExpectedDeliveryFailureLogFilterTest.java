package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On an appender of a logger context of its own: what Camunda reports about an expected failed attempt is not written. */
class ExpectedDeliveryFailureLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();

    @BeforeEach
    void appenderWithTheFilter() {
        ExpectedDeliveryFailureLogFilter filter = new ExpectedDeliveryFailureLogFilter();
        filter.start();
        written.addFilter(filter);
        written.setContext(context);
        written.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(written);
    }

    @Test
    void camundasReportOfAnExpectedFailureIsDropped() {
        Exception inJob = new RuntimeException("job failed", new WebhookDeliveryException("HTTP 503", null));

        context.getLogger("org.camunda.bpm.engine.context").error("ENGINE-16004 exception while closing", inJob);
        context.getLogger("org.camunda.bpm.engine.jobexecutor").warn("ENGINE-14006 exception in job {}", "42", inJob);

        assertThat(written.list).isEmpty();
    }

    @Test
    void anExpectedFailurePassedAsAnArgumentIsDroppedToo() {
        context.getLogger("org.camunda.bpm.engine.jobexecutor")
                .warn("ENGINE-14006 {} in job {}", new WebhookDeliveryException("refused", null), "42");

        assertThat(written.list).isEmpty();
    }

    @Test
    void anyOtherExceptionInCamundaIsWritten() {
        context.getLogger("org.camunda.bpm.engine.context").error("ENGINE-16004", new IllegalStateException("a bug"));

        assertThat(written.list).singleElement()
                .satisfies(event -> assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug"));
    }

    @Test
    void cascadesOwnLinesAboutTheAttemptAreWritten() {
        context.getLogger(WebhookDelivery.class).warn("webhook ci: attempt 1 failed",
                new WebhookDeliveryException("HTTP 503", null));
        context.getLogger("org.camunda.bpm.engine.externaltask").info("no exception here");

        assertThat(written.list).hasSize(2);
    }
}
