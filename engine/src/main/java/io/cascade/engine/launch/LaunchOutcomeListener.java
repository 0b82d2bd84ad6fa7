package io.cascade.engine.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.springframework.stereotype.Component;

/** Writes how a launch ended into the execution's history: the agent, its result, or why it failed. */
@Component("launchOutcome")
class LaunchOutcomeListener implements ExecutionListener {

    static final String LAUNCHED = "EndEvent_Launched";
    static final String LAUNCH_FAILED = "EndEvent_LaunchFailed";
    static final String NOT_PICKED_UP = "EndEvent_NotPickedUp";

    private final ExecutionRecorder recorder;
    private final HistoryService history;
    private final ExternalTaskService externalTasks;
    private final ObjectMapper json;

    LaunchOutcomeListener(ExecutionRecorder recorder, HistoryService history, ExternalTaskService externalTasks,
                          ObjectMapper json) {
        this.recorder = recorder;
        this.history = history;
        this.externalTasks = externalTasks;
        this.json = json;
    }

    @Override
    public void notify(DelegateExecution execution) {
        UUID executionId = UUID.fromString((String) execution.getVariable(ActionProcesses.EXECUTION_ID));
        String worker = lastWorker(execution.getProcessInstanceId());
        switch (execution.getCurrentActivityId()) {
            case LAUNCHED -> {
                ObjectNode result = json.createObjectNode();
                result.put("runId", text(execution.getVariable("runId")));
                result.put("runUrl", text(execution.getVariable("runUrl")));
                recorder.ended(executionId, ExecutionStatus.FINISHED, worker, result.toString(), null);
            }
            case LAUNCH_FAILED -> recorder.ended(executionId, ExecutionStatus.FAILED, worker, null,
                    "the agent reported LAUNCH_FAILED: " + text(execution.getVariable("launchError")));
            case NOT_PICKED_UP -> recorder.ended(executionId, ExecutionStatus.FAILED, null, null,
                    "no agent picked up the run");
            default -> throw new IllegalStateException("launchOutcome listens on the end events only, not "
                    + execution.getCurrentActivityId());
        }
    }

    /** The agent that held the run: from the task being completed, else from the external task log. */
    private String lastWorker(String processInstanceId) {
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(processInstanceId).singleResult();
        if (task != null && task.getWorkerId() != null) {
            return task.getWorkerId();
        }
        return history.createHistoricExternalTaskLogQuery().processInstanceId(processInstanceId)
                .orderByTimestamp().desc().list().stream()
                .map(HistoricExternalTaskLog::getWorkerId)
                .filter(w -> w != null).findFirst().orElse(null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
