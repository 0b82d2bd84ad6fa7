package io.cascade.engine.webhook.delivery;

import java.time.Duration;

/**
 * A failed attempt worth retrying; Camunda records its message on the job and, at the end, the
 * incident. {@link #retryAfter()} is the wait the receiver asked for, if it did.
 */
public class WebhookDeliveryException extends RuntimeException {

    private final transient Duration retryAfter;

    public WebhookDeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public WebhookDeliveryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
