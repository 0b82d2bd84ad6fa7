package io.cascade.engine.webhook.delivery;

import io.cascade.engine.execution.Attempt;
import java.time.Duration;
import java.util.UUID;

/** How one delivery attempt ended; webhook-action.bpmn has a path for each. */
sealed interface DeliveryOutcome {

    /**
     * The receiver answered 2xx. The answer is not recorded yet: the caller records it
     * ({@link io.cascade.engine.execution.ExecutionRecorder#recordWithin}) in the transaction that ends the run.
     */
    record Delivered(UUID executionId, Attempt attempt) implements DeliveryOutcome {
    }

    /** Not worth another try: the receiver refused it, or the webhook or a secret is no longer usable. */
    record Rejected(String reason) implements DeliveryOutcome {
    }

    /** The receiver answered 410 Gone: the webhook is to be disabled with the given reason. */
    record Gone(UUID webhookId, String reason, String disabledReason) implements DeliveryOutcome {
    }

    /** Worth another try, after the receiver's Retry-After if it gave one (else null: the schedule decides). */
    record RetryLater(String reason, Duration delay) implements DeliveryOutcome {
    }
}
