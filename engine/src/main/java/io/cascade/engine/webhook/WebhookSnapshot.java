package io.cascade.engine.webhook;

import java.util.UUID;

/**
 * The action as it was when the execution started: a later edit or deletion of the automation
 * or webhook does not change a run in flight.
 */
public record WebhookSnapshot(String type, UUID webhookId, String webhook, String url, String secretName,
                              String accessTokenName, String payloadTemplate) {
}
