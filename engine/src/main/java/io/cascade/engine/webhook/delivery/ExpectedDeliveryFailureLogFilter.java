package io.cascade.engine.webhook.delivery;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Camunda's own reports of a delivery attempt that failed as receivers do (refused, timed
 * out, 5xx) in a job: the command context's ERROR and the job executor's WARN, each with a stack
 * trace, per attempt. Only runs started before the delivery worker are delivered by jobs
 * (LegacyDeliverWebhookDelegate); WebhookDelivery logs such an attempt in one line instead; any other exception in
 * a job is a bug and keeps Camunda's stack traces. Installed on each appender by the application's
 * logback-spring.xml.
 *
 * <p>An appender's filter, not a turbo filter: logback asks the turbo filters about every logging call,
 * including each {@code isDebugEnabled()} of Camunda and MyBatis that logs nothing, and with more than one
 * (Micrometer's counter of log events is the other) copies their list each time. That was 3.3% of the
 * JVM's samples in a JFR profile of single event submissions. An appender's filter sees only the events
 * that are written.
 */
public final class ExpectedDeliveryFailureLogFilter extends Filter<ILoggingEvent> {

    private static final String CAMUNDA = "org.camunda.bpm.engine";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLoggerName() == null || !event.getLoggerName().startsWith(CAMUNDA)) {
            return FilterReply.NEUTRAL;
        }
        if (expected(thrown(event.getThrowableProxy()))) {
            return FilterReply.DENY;
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof Throwable thrown && expected(thrown)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static Throwable thrown(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
    }

    private static boolean expected(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof WebhookDeliveryException) {
                return true;
            }
        }
        return false;
    }
}
