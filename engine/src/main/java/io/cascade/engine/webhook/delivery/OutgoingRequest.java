package io.cascade.engine.webhook.delivery;

import java.util.Map;

/**
 * A signed webhook request, ready to send; the same bytes on every attempt. {@code masker} hides the
 * secrets it carries in whatever the receiver answers.
 */
record OutgoingRequest(String url, Map<String, String> headers, byte[] body, SecretMasker masker) {
}
