package io.cascade.engine.camunda;

import java.time.Duration;

/** A job failure that names how long the next attempt should wait, e.g. the receiver's Retry-After. */
public interface RetryAfter {

    /** The wait asked for; null when the retry cycle decides. */
    Duration retryAfter();
}
