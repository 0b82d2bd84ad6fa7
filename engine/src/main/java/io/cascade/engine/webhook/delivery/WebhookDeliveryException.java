package io.cascade.engine.webhook.delivery;

/** A failed attempt worth retrying; Camunda records its message on the job and, at the end, the incident. */
public class WebhookDeliveryException extends RuntimeException {

    public WebhookDeliveryException(String message) {
        super(message);
    }
}
