package io.cascade.engine.webhook.delivery;

import io.cascade.engine.execution.ExecutionRecorder;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Records an attempt as started, committed, before its request leaves; completes with the attempt's number. */
@FunctionalInterface
interface AttemptStarts {

    CompletableFuture<Integer> started(UUID executionId, OffsetDateTime startedAt);

    /** Each in its own transaction, on the calling thread: a failure to record it is thrown at once. */
    static AttemptStarts eachAlone(ExecutionRecorder recorder) {
        return (executionId, startedAt) -> CompletableFuture.completedFuture(recorder.started(executionId, startedAt));
    }
}
