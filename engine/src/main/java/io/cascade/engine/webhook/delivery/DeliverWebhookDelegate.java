package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.camunda.RunLabels;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_DeliverWebhook: one attempt, turned into the flow webhook-action.bpmn draws. A rejection
 * and a 410 Gone are BPMN errors caught by the task's boundary events; a failure worth retrying
 * is thrown, so Camunda's job executor retries on the schedule and raises an incident at the end.
 */
@Component("deliverWebhook")
class DeliverWebhookDelegate implements JavaDelegate {

    static final String REJECTED = "WEBHOOK_REJECTED";
    static final String GONE = "WEBHOOK_GONE";
    static final String WEBHOOK_ID = "webhookId";
    static final String DISABLED_REASON = "disabledReason";

    private final WebhookDelivery delivery;
    private final RetrySchedule schedule;

    DeliverWebhookDelegate(WebhookDelivery delivery, RetrySchedule schedule) {
        this.delivery = delivery;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID executionId = UUID.fromString((String) execution.getVariable(ActionProcesses.EXECUTION_ID));
        DeliveryOutcome outcome = delivery.attempt(executionId, (String) execution.getVariable(RunLabels.ACTION_NAME),
                schedule.isLastAttempt());
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            throw new BpmnError(REJECTED, rejected.reason());
        }
        if (outcome instanceof DeliveryOutcome.Gone gone) {
            execution.setVariable(WEBHOOK_ID, gone.webhookId().toString());
            execution.setVariable(DISABLED_REASON, gone.disabledReason());
            throw new BpmnError(GONE, gone.reason());
        }
        if (outcome instanceof DeliveryOutcome.RetryLater later) {
            throw new WebhookDeliveryException(later.reason(), later.delay());
        }
    }
}
