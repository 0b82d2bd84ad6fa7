package io.cascade.engine.execution;

/** How an attempt ended, as far as history knows. */
public enum AttemptOutcome {

    /** The receiver answered 2xx. */
    DELIVERED,
    /** The receiver answered otherwise, did not answer, or the request was not sent (the error says which). */
    FAILED,
    /**
     * The request may have left, but no answer was recorded: the node stopped (or lost its database)
     * during the attempt. The receiver may have received it.
     */
    UNKNOWN
}
