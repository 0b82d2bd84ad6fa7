package io.cascade.engine.webhook.delivery;

/** The BPMN errors webhook-action.bpmn's boundary events catch, and the variables the Gone path reads. */
final class WebhookErrors {

    static final String REJECTED = "WEBHOOK_REJECTED";
    static final String GONE = "WEBHOOK_GONE";
    static final String WEBHOOK_ID = "webhookId";
    static final String DISABLED_REASON = "disabledReason";

    private WebhookErrors() {
    }
}
