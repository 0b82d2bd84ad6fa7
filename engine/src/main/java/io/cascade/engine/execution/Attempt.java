package io.cascade.engine.execution;

import java.time.OffsetDateTime;

/** One delivery attempt: what the receiver answered, or why there was no answer. */
public record Attempt(int number, OffsetDateTime startedAt, long durationMs, Integer responseStatus,
                      String responseBody, String error) {
}
