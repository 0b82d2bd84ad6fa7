package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Writes how a delivery ended into the execution's history, at the end event the process reached. */
@Component("webhookOutcome")
class WebhookOutcomeListener implements ExecutionListener {

    static final String DELIVERED = "EndEvent_Delivered";
    static final String REJECTED = "EndEvent_Rejected";
    static final String WEBHOOK_DISABLED = "EndEvent_WebhookDisabled";
    /** Where the boundary events put the BPMN error's message. */
    static final String DELIVERY_ERROR = "deliveryError";

    private final ExecutionRecorder recorder;

    WebhookOutcomeListener(ExecutionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void notify(DelegateExecution execution) {
        UUID executionId = UUID.fromString((String) execution.getVariable(ActionProcesses.EXECUTION_ID));
        switch (execution.getCurrentActivityId()) {
            case DELIVERED -> recorder.ended(executionId, ExecutionStatus.FINISHED, null, null, null);
            case REJECTED, WEBHOOK_DISABLED -> recorder.ended(executionId, ExecutionStatus.FAILED, null, null,
                    (String) execution.getVariable(DELIVERY_ERROR));
            default -> throw new IllegalStateException("webhookOutcome listens on the end events only, not "
                    + execution.getCurrentActivityId());
        }
    }
}
