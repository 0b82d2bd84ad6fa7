package io.cascade.engine.webhook.delivery;

import io.cascade.engine.common.Groups;
import io.cascade.engine.execution.ExecutionRecorder;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records prepared attempts as started in groups ({@link Groups}): one transaction for all the
 * attempts prepared while the previous group committed, instead of one each; an attempt prepared
 * on a quiet node is recorded at once, alone. If a group cannot be recorded together (for example
 * one of its executions was removed meanwhile), each of its attempts is recorded on its own, and an
 * attempt that cannot be recorded is not sent.
 */
final class StartedAttempts implements AttemptStarts {

    private static final Logger log = LoggerFactory.getLogger(StartedAttempts.class);

    private final ExecutionRecorder recorder;
    private final Groups<Start> groups;

    private record Start(UUID executionId, OffsetDateTime startedAt, CompletableFuture<Integer> number) {
    }

    StartedAttempts(ExecutionRecorder recorder, Executor executor, int maxGroup, int maxConcurrent) {
        this.recorder = recorder;
        this.groups = new Groups<>(executor, maxGroup, maxConcurrent, this::record,
                start -> start.number().completeExceptionally(new RejectedExecutionException("the node is stopping")));
    }

    @Override
    public CompletableFuture<Integer> started(UUID executionId, OffsetDateTime startedAt) {
        CompletableFuture<Integer> number = new CompletableFuture<>();
        groups.add(new Start(executionId, startedAt, number));
        return number;
    }

    private void record(List<Start> group) {
        Map<UUID, OffsetDateTime> attempts = new LinkedHashMap<>();
        group.forEach(start -> attempts.put(start.executionId(), start.startedAt()));
        if (group.size() > 1 && attempts.size() == group.size()) {
            try {
                Map<UUID, Integer> numbers = recorder.startedAll(attempts);
                group.forEach(start -> start.number().complete(numbers.get(start.executionId())));
                return;
            } catch (RuntimeException e) {
                log.debug("webhook delivery: could not record {} attempts as started together, recording each: {}",
                        group.size(), WebhookSender.describe(e));
            }
        }
        for (Start start : group) {
            try {
                start.number().complete(recorder.started(start.executionId(), start.startedAt()));
            } catch (RuntimeException e) {
                start.number().completeExceptionally(e);
            }
        }
    }
}
