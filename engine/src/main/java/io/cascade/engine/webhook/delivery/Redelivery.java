package io.cascade.engine.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.webhook.WebhookAction;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivers a finished or failed execution once more, through a new process instance: new
 * attempts with the same webhook-id, retried on the whole schedule and recorded like any other.
 */
@Service
public class Redelivery {

    private final ExecutionService executions;
    private final ActionProcesses processes;

    Redelivery(ExecutionService executions, ActionProcesses processes) {
        this.executions = executions;
        this.processes = processes;
    }

    @Transactional
    public void redeliver(UUID executionId, String team) {
        ExecutionService.Locked current = executions.lock(executionId);
        if (current.status() == ExecutionStatus.PENDING || current.status() == ExecutionStatus.RUNNING) {
            throw new ConflictException("status", "execution " + executionId + " is " + current.status()
                    + "; wait until it has finished or failed");
        }
        if (!WebhookAction.TYPE.equals(text(current, "type")) || text(current, "url") == null) {
            throw new ConflictException("action", "execution " + executionId + " has no webhook to deliver to");
        }
        executions.restarted(executionId, processes.startWebhookDelivery(executionId, team));
    }

    private static String text(ExecutionService.Locked current, String field) {
        JsonNode value = current.action().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
