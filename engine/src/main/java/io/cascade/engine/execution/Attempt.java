package io.cascade.engine.execution;

import java.time.OffsetDateTime;

/**
 * One delivery attempt: what the receiver answered, or why there was no answer. An attempt whose
 * outcome is {@link AttemptOutcome#UNKNOWN} has no duration, status or body.
 */
public record Attempt(int number, OffsetDateTime startedAt, Long durationMs, Integer responseStatus,
                      String responseBody, String error, AttemptOutcome outcome) {

    static final String NO_ANSWER = "no answer recorded: the node stopped or lost its database during the attempt;"
            + " the receiver may have received the request";

    /** An attempt that ended: the receiver's answer, or the error that stood in for one. */
    public static Attempt answered(int number, OffsetDateTime startedAt, long durationMs, Integer responseStatus,
                                   String responseBody, String error) {
        boolean delivered = responseStatus != null && responseStatus / 100 == 2;
        return new Attempt(number, startedAt, durationMs, responseStatus, responseBody, error,
                delivered ? AttemptOutcome.DELIVERED : AttemptOutcome.FAILED);
    }

    /** An attempt that was started and never completed. */
    static Attempt unknown(int number, OffsetDateTime startedAt) {
        return new Attempt(number, startedAt, null, null, null, NO_ANSWER, AttemptOutcome.UNKNOWN);
    }
}
