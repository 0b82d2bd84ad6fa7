package io.cascade.engine.webhook;

/** What a team admin sends to create or replace a webhook; secret names refer to team secrets. */
public record WebhookRequest(String name, String url, String secret, String accessToken) {
}
