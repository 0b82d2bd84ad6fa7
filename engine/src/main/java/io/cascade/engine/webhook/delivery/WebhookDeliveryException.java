package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.RetryAfter;
import java.time.Duration;

/**
 * A failed attempt worth retrying; its message is handed to Camunda as the external task's error
 * message (or, for runs still delivered by a job, the job's), and becomes the incident's when no retry
 * is left. {@link #retryAfter()} is the wait the receiver asked for, if it did.
 */
class WebhookDeliveryException extends RuntimeException implements RetryAfter {

    private final transient Duration retryAfter;

    WebhookDeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    WebhookDeliveryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
