package io.cascade.engine.launch;

import java.time.Duration;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What launch-action.bpmn asks of the queue: how long a run may wait, and whether an agent took it. */
@Component("launchQueue")
public class LaunchQueue {

    private final ExternalTaskService externalTasks;
    private final Duration maxQueueTime;

    public LaunchQueue(ExternalTaskService externalTasks,
                @Value("${cascade.launch.max-queue-time:PT24H}") Duration maxQueueTime) {
        this.externalTasks = externalTasks;
        this.maxQueueTime = maxQueueTime;
    }

    public String maxQueueTime() {
        return maxQueueTime.toString();
    }

    /** True once any agent has fetched and locked the run, even if it is now waiting for a retry. */
    public boolean pickedUp(DelegateExecution execution) {
        ExternalTask task = externalTasks.createExternalTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).singleResult();
        return task == null || task.getWorkerId() != null;
    }
}
