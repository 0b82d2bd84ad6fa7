package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.common.Groups;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.util.List;
import java.util.concurrent.Executor;
import org.camunda.bpm.engine.ExternalTaskService;
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
 * <p>A task this node no longer holds (its lock expired and another node fetched it, or its run is
 * gone) is left alone; its answer is recorded all the same, since the receiver did get the request.
 * If the group's transaction fails (for example another node changed one of its runs meanwhile),
 * each delivery of the group is recorded and completed on its own.
 */
final class DeliveredRuns {

    private static final Logger log = LoggerFactory.getLogger(DeliveredRuns.class);

    private final ExternalTaskGroups taskGroups;
    private final ExternalTaskService externalTasks;
    private final ExecutionRecorder recorder;
    private final String workerId;
    private final Groups<Delivered> groups;

    /** {@code done} runs once the delivery's run is ended or left to another node. */
    private record Delivered(String taskId, DeliveryOutcome.Delivered outcome, Runnable done) {
    }

    DeliveredRuns(ExternalTaskGroups taskGroups, ExternalTaskService externalTasks, ExecutionRecorder recorder,
                  String workerId, Executor executor, int maxGroup, int maxConcurrent) {
        this.taskGroups = taskGroups;
        this.externalTasks = externalTasks;
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
            endTogether(group);
        } finally {
            group.forEach(delivered -> delivered.done().run());
        }
    }

    private void endTogether(List<Delivered> group) {
        List<Delivered> notHeld;
        try {
            notHeld = taskGroups.completeHeld(workerId, group, Delivered::taskId, delivered ->
                    recorder.recordWithin(delivered.outcome().executionId(), delivered.outcome().attempt(),
                            ExecutionStatus.FINISHED));
        } catch (RuntimeException e) {
            log.warn("webhook delivery: could not end {} delivered runs together, ending each on its own: {}",
                    group.size(), WebhookSender.describe(e));
            group.forEach(this::endAlone);
            return;
        }
        for (Delivered delivered : notHeld) {
            recordAlone(delivered);
            log.warn("webhook delivery: task {} is no longer this node's; its run is ended by the node that holds it",
                    delivered.taskId());
        }
    }

    private void endAlone(Delivered delivered) {
        recordAlone(delivered);
        try {
            externalTasks.complete(delivered.taskId(), workerId);
        } catch (RuntimeException e) {
            // e.g. the lock expired and another node took the task over: it reports the attempt it makes
            log.warn("webhook delivery: could not report the outcome of task {} to Camunda: {}", delivered.taskId(),
                    WebhookSender.describe(e));
        }
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
