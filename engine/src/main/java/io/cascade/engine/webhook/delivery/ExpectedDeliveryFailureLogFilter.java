package io.cascade.engine.webhook.delivery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Camunda's own reports of a delivery attempt that failed as receivers do (refused, timed
 * out, 5xx) in a job: the command context's ERROR and the job executor's WARN, each with a stack
 * trace, per attempt. Only runs started before the delivery worker are delivered by jobs
 * (LegacyDeliverWebhookDelegate); WebhookDelivery logs such an attempt in one line instead; any other exception in
 * a job is a bug and keeps Camunda's stack traces. Installed by the application's logback-spring.xml.
 */
public final class ExpectedDeliveryFailureLogFilter extends TurboFilter {

    private static final String CAMUNDA = "org.camunda.bpm.engine";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith(CAMUNDA)) {
            return FilterReply.NEUTRAL;
        }
        if (expected(t)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof Throwable thrown && expected(thrown)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
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
