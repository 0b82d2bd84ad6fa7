package io.cascade.engine.webhook.delivery;

import static io.cascade.engine.webhook.delivery.RunLabelsReader.text;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.webhook.WebhookAction;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivers a finished or failed execution once more: new attempts with the same webhook-id,
 * retried on the whole schedule and recorded like any other. A run whose retries ran out is
 * retried on its own job (the incident Cockpit shows); an ended one gets a new process instance.
 */
@Service
public class Redelivery {

    private final ExecutionService executions;
    private final ActionProcesses processes;
    private final RetrySchedule schedule;
    private final RunLabelsReader labels;

    Redelivery(ExecutionService executions, ActionProcesses processes, RetrySchedule schedule, RunLabelsReader labels) {
        this.executions = executions;
        this.processes = processes;
        this.schedule = schedule;
        this.labels = labels;
    }

    @Transactional
    public void redeliver(UUID executionId, String team) {
        ExecutionService.Current current = executions.lock(executionId);
        if (current.status() == ExecutionStatus.PENDING || current.status() == ExecutionStatus.RUNNING) {
            throw new ConflictException("status", "execution " + executionId + " is " + current.status()
                    + "; wait until it has finished or failed");
        }
        if (!WebhookAction.TYPE.equals(text(current, "type")) || text(current, "url") == null) {
            throw new ConflictException("action", "execution " + executionId + " has no webhook to deliver to");
        }
        if (current.status() == ExecutionStatus.FAILED && current.processInstanceId() != null
                && processes.isActive(current.processInstanceId())) {
            retryInPlace(executionId, current.processInstanceId());
            return;
        }
        executions.restarted(executionId, processes.startWebhookDelivery(labels.labels(executionId, current), team));
    }

    /**
     * The failed run's process holds an incident: redelivering is what Cockpit's retry does, on the
     * same job with the whole schedule, so the two can never deliver at once. A failed run's process
     * still active without one has a retry from Cockpit under way (or is recording its last failure).
     */
    private void retryInPlace(UUID executionId, String processInstanceId) {
        if (!processes.retryFailedJob(processInstanceId, schedule.attempts())) {
            throw new ConflictException("status", "execution " + executionId + " is being retried from Cockpit"
                    + " or is finishing its last attempt; try again when it has finished or failed");
        }
        executions.retried(executionId);
    }
}
