package io.cascade.engine.webhook.delivery;

import java.util.Map;

/** A signed webhook request, ready to send; the same bytes on every attempt. */
public record OutgoingRequest(String url, Map<String, String> headers, byte[] body) {
}
