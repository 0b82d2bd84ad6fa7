package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.RetryAfter;
import java.time.Duration;

/**
 * A failed attempt worth retrying; Camunda records its message on the job and, at the end, the
 * incident. {@link #retryAfter()} is the wait the receiver asked for, if it did.
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
