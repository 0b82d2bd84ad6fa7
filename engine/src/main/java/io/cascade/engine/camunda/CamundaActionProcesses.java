package io.cascade.engine.camunda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component
class CamundaActionProcesses implements ActionProcesses {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final ApplicationEventPublisher publisher;
    private final LatestDefinitions definitions;

    CamundaActionProcesses(RuntimeService runtime, ManagementService management, ExternalTaskService externalTasks,
                           ApplicationEventPublisher publisher, RepositoryService repository,
                           @Value("${cascade.automations.sync-interval:PT1S}") Duration syncInterval) {
        this.runtime = runtime;
        this.management = management;
        this.externalTasks = externalTasks;
        this.publisher = publisher;
        this.definitions = new LatestDefinitions(repository, syncInterval);
    }

    /**
     * Starts with one variable that is written, {@code executionId}: the team reaches the tenant
     * ({@link TeamTenantIdProvider}) as a transient variable, which Camunda never writes, and the rest
     * of the labels come with a first failed attempt (RunLabels).
     */
    @Override
    public String startWebhookDelivery(RunLabels run, String team) {
        String id = runtime.createProcessInstanceById(definitions.latest(WEBHOOK_PROCESS))
                .businessKey(run.businessKey())
                .setVariables(run.deliveryVariables())
                .setVariable(TEAM, Variables.stringValue(team, true))
                .execute()
                .getId();
        publisher.publishEvent(new WebhookDeliveriesDue());
        return id;
    }

    @Override
    public String startLaunch(RunLabels run, String team, String queue, Map<String, Object> variables) {
        return runtime.createProcessInstanceById(definitions.latest(LAUNCH_PROCESS))
                .businessKey(run.businessKey())
                .setVariables(variables)
                .setVariables(run.variables())
                .setVariable(TEAM, team)
                .setVariable(QUEUE, queue)
                .execute()
                .getId();
    }

    @Override
    public boolean isActive(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    @Override
    public boolean retryFailedJob(String processInstanceId, int retries) {
        List<String> failedJobs = management.createJobQuery().processInstanceId(processInstanceId).noRetriesLeft()
                .list().stream().map(Job::getId).toList();
        failedJobs.forEach(job -> management.setJobRetries(job, retries));
        List<ExternalTask> failedTasks = externalTasks.createExternalTaskQuery().processInstanceId(processInstanceId)
                .noRetriesLeft().list();
        failedTasks.forEach(task -> externalTasks.setRetries(task.getId(), retries));
        if (failedTasks.stream().anyMatch(task -> WEBHOOK_TOPIC.equals(task.getTopicName()))) {
            publisher.publishEvent(new WebhookDeliveriesDue());
        }
        return !failedJobs.isEmpty() || !failedTasks.isEmpty();
    }
}
