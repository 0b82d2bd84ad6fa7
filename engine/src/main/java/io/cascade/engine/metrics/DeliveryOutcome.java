package io.cascade.engine.metrics;

/** What became of one webhook attempt. */
public enum DeliveryOutcome {
    /** 2xx: the delivery is done. */
    DELIVERED,
    /** Failed, and another attempt is scheduled. */
    RETRIED,
    /** Failed for good: rejected, or retries exhausted. */
    FAILED,
    /** 410 Gone: failed for good and the webhook is disabled. */
    GONE
}
