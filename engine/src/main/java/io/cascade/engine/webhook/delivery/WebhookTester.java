package io.cascade.engine.webhook.delivery;

import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookService;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The test button: sends a payload to a webhook with the same headers, signatures and URL guard as
 * a real delivery, and reports what the receiver answered (the request's secrets masked). Nothing is saved.
 */
@Component
public class WebhookTester {

    static final int MAX_PAYLOAD = 64 * 1024;
    static final String DEFAULT_PAYLOAD = "{\"test\":true,\"message\":\"Test delivery from Cascade\"}";

    private final WebhookService webhooks;
    private final SecretService secrets;
    private final WebhookSender sender;

    WebhookTester(WebhookService webhooks, SecretService secrets, WebhookSender sender) {
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.sender = sender;
    }

    public ReceiverResponse test(Team team, String name, String payload) {
        Webhook webhook = webhooks.require(team.id(), name);
        String body = payload == null || payload.isBlank() ? DEFAULT_PAYLOAD : payload;
        if (body.length() > MAX_PAYLOAD) {
            throw new InvalidInputException("payload", "payload must be at most " + MAX_PAYLOAD + " characters");
        }
        Map<String, String> values = secrets.values(team.id());
        OutgoingRequest request = RequestPreparer.prepare(webhook.url(), body, "test_" + UUID.randomUUID(),
                Instant.now().getEpochSecond(), value(values, webhook.secretName()),
                value(values, webhook.accessTokenName()), values.values());
        return sender.send(request).join(); // a user waits for the answer: the request thread does too
    }

    private static String value(Map<String, String> values, String name) {
        return name == null ? null : values.get(name);
    }
}
