package io.cascade.engine.common;

import java.time.Duration;

/** The request could not be served now and changed nothing; the same request may succeed later. */
public class RetryLaterException extends ProblemException {

    private final Duration retryAfter;

    public RetryLaterException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before it tries again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Try again later";
    }
}
