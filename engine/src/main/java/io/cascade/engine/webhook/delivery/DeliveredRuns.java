package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.common.Groups;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the runs of delivered webhooks in groups: for up to {@code maxGroup} deliveries, each answer
 * is recorded and each delivery task completed (its run reaching EndEvent_Delivered) in one Camunda
 * command, so one transaction and one flush of Camunda's statements, sent in JDBC batches, serve the
 * whole group instead of two transactions and a flush per delivery. A group forms while the ones
 * before it commit ({@link Groups}; at most {@code maxConcurrent} at once): under light load a group
 * holds a single delivery and waits for nothing.
 *
 * <p>A task this node cannot complete (its lock expired and another node fetched it, its run is gone,
 * or an operator suspended it) is left alone; its answer is recorded all the same, since the receiver
 * did get the request. If the group's transaction fails (for example another node changed one of its
 * runs meanwhile), each delivery of the group is ended in a transaction of its own; one that still
 * fails stays locked to this node and is delivered again once the lock expires.
 */
final class DeliveredRuns {

    private static final Logger log = LoggerFactory.getLogger(DeliveredRuns.class);

    private final ExternalTaskGroups taskGroups;
    private final ExecutionRecorder recorder;
    private final String workerId;
    private final Groups<Delivered> groups;
    private static final Comparator<Delivered> BY_EXECUTION = Comparator.comparing(d -> d.outcome().executionId());

    /** {@code done} runs once the delivery's run is ended or left to another node. */
    private record Delivered(String taskId, DeliveryOutcome.Delivered outcome, Runnable done) {
    }

    DeliveredRuns(ExternalTaskGroups taskGroups, ExecutionRecorder recorder,
                  String workerId, Executor executor, int maxGroup, int maxConcurrent) {
        this.taskGroups = taskGroups;
        this.recorder = recorder;
        this.workerId = workerId;
        // not taken: the node stops; the tasks' locks expire and another node delivers them again
        this.groups = new Groups<>(executor, maxGroup, maxConcurrent, this::endGroup,
                delivered -> delivered.done().run());
    }

    /** Records the answer and completes the task with the next group; then runs {@code done}. */
    void end(String taskId, DeliveryOutcome.Delivered outcome, Runnable done) {
        groups.add(new Delivered(taskId, outcome, done));
    }

    private void endGroup(List<Delivered> group) {
        try {
            // in the order of their executions, as attempts are started: two groups never lock rows crosswise
            endTogether(group.stream().sorted(BY_EXECUTION).toList());
        } finally {
            group.forEach(delivered -> delivered.done().run());
        }
    }

    private void endTogether(List<Delivered> group) {
        List<Delivered> notHeld;
        try {
            notHeld = taskGroups.completeHeld(workerId, group, Delivered::taskId, this::recordWithin);
        } catch (RuntimeException e) {
            log.warn("webhook delivery: could not end {} delivered runs together, ending each on its own: {}",
                    group.size(), WebhookSender.describe(e));
            group.forEach(this::endAlone);
            return;
        }
        notHeld.forEach(this::leftAlone);
    }

    /** The answer and the completion still commit together, or neither does. */
    private void endAlone(Delivered delivered) {
        try {
            taskGroups.completeHeld(workerId, List.of(delivered), Delivered::taskId, this::recordWithin)
                    .forEach(this::leftAlone);
        } catch (RuntimeException e) {
            // the task stays locked to this node: once the lock expires it is delivered again (same
            // webhook-id), and history keeps this attempt as started, its outcome unknown
            log.warn("webhook delivery: could not record the answer to task {} nor complete it; it is delivered "
                    + "again once its lock expires: {}", delivered.taskId(), WebhookSender.describe(e));
        }
    }

    private void recordWithin(Delivered delivered) {
        recorder.recordWithin(delivered.outcome().executionId(), delivered.outcome().attempt(),
                ExecutionStatus.FINISHED);
    }

    /** A task this node cannot complete (gone, held by another node, or suspended): its answer is recorded all the same. */
    private void leftAlone(Delivered delivered) {
        recordAlone(delivered);
        log.warn("webhook delivery: task {} is gone, suspended or held by another node; its answer is recorded, "
                + "its run is left to whoever holds it", delivered.taskId());
    }

    private void recordAlone(Delivered delivered) {
        try {
            recorder.record(delivered.outcome().executionId(), delivered.outcome().attempt(), ExecutionStatus.FINISHED);
        } catch (RuntimeException e) {
            log.warn("webhook delivery: could not record the answer to task {}: {}", delivered.taskId(),
                    WebhookSender.describe(e));
        }
    }
}
