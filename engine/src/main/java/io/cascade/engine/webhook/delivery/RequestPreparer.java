package io.cascade.engine.webhook.delivery;

import io.cascade.engine.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the request a receiver sees: the JSON body, the bearer token, and both signatures.
 * Used by deliveries and by the test button, so both send exactly the same kind of request.
 */
final class RequestPreparer {

    private RequestPreparer() {
    }

    /**
     * @param deliveryId  the webhook-id, the same on every attempt of one execution
     * @param secret      the signing secret's value, or null
     * @param token       the access token's value, or null
     * @param teamSecrets the team's secret values; those the body carries are masked in the answer
     */
    static OutgoingRequest prepare(String url, String body, String deliveryId, long timestamp,
                                          String secret, String token, Collection<String> teamSecrets) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.put("webhook-id", deliveryId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (secret != null) {
            headers.put("X-Wandb-Signature", Signatures.wandb(secret, bytes));
            try {
                headers.put("webhook-signature", Signatures.standardWebhooks(secret, deliveryId, timestamp, bytes));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("secret", "the signing secret starts with whsec_ but is not valid base64");
            }
        }
        return new OutgoingRequest(url, headers, bytes, SecretMasker.forRequest(url, body, teamSecrets, secret, token));
    }
}
