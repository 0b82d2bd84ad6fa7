package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_DeliverWebhook of the process versions deployed before deliveries became external tasks: runs
 * started before an upgrade still wait at its asynchronous job, and are delivered by it, the old way
 * (one attempt per job, the job thread waiting for the answer). A rejection and a 410 Gone are BPMN
 * errors caught by the task's boundary events; a failure worth retrying is thrown, so Camunda's job
 * executor retries on the schedule and raises an incident at the end. New runs never come here;
 * remove this once no instance of a version older than the external-task one can be active.
 */
@Component("deliverWebhook")
class LegacyDeliverWebhookDelegate implements JavaDelegate {

    private final WebhookDelivery delivery;
    private final RetrySchedule schedule;
    private final ExecutionRecorder recorder;

    LegacyDeliverWebhookDelegate(WebhookDelivery delivery, RetrySchedule schedule, ExecutionRecorder recorder) {
        this.delivery = delivery;
        this.schedule = schedule;
        this.recorder = recorder;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID executionId = UUID.fromString((String) execution.getVariable(ActionProcesses.EXECUTION_ID));
        DeliveryOutcome outcome = delivery.attempt(executionId, schedule.isLastAttemptOfCurrentJob(),
                AttemptStarts.eachAlone(recorder), Runnable::run).join();
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            recorder.record(executionId, delivered.attempt(), ExecutionStatus.FINISHED);
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            throw new BpmnError(WebhookErrors.REJECTED, rejected.reason());
        }
        if (outcome instanceof DeliveryOutcome.Gone gone) {
            execution.setVariable(WebhookErrors.WEBHOOK_ID, gone.webhookId().toString());
            execution.setVariable(WebhookErrors.DISABLED_REASON, gone.disabledReason());
            throw new BpmnError(WebhookErrors.GONE, gone.reason());
        }
        if (outcome instanceof DeliveryOutcome.RetryLater later) {
            throw new WebhookDeliveryException(later.reason(), later.delay());
        }
    }
}
