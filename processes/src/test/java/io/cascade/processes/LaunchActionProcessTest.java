package io.cascade.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import io.cascade.engine.launch.LaunchQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/launch-action.bpmn on a real engine (PostgreSQL), with an agent played by the test. */
class LaunchActionProcessTest {

    @RegisterExtension
    static final DeployedProcess process = new DeployedProcess("processes/launch-action.bpmn");

    private final List<String> outcomes = new ArrayList<>();

    @BeforeEach
    void beans() {
        ExecutionListener recordOutcome = execution -> outcomes.add(execution.getCurrentActivityId());
        process.bean("launchOutcome", recordOutcome)
                .bean("launchQueue", new LaunchQueue(engine().getExternalTaskService(), Duration.ofHours(1)));
    }

    @Test
    void theDiagramShowsEveryElement() {
        process.assertDiagramComplete();
    }

    @Test
    void theRunWaitsOnItsQueueUntilAnAgentCompletesIt() {
        String queue = queue();
        ProcessInstance instance = start(queue);
        assertThat(instance).isWaitingAt("Task_RunJob").externalTask().hasTopicName("launch-job");

        LockedExternalTask task = fetch(queue).get(0);
        externalTasks().complete(task.getId(), "agent-1", Map.of("runId", "run-42"));

        assertThat(instance).isEnded().hasPassed("EndEvent_Launched").variables().containsEntry("runId", "run-42");
        assertThat(outcomes).containsExactly("EndEvent_Launched");
    }

    @Test
    void anAgentOfAnotherQueueDoesNotGetTheRun() {
        start(queue());

        assertThat(fetch(queue())).isEmpty();
    }

    @Test
    void launchFailedEndsTheRunWithTheAgentsMessage() {
        String queue = queue();
        ProcessInstance instance = start(queue);

        externalTasks().handleBpmnError(fetch(queue).get(0).getId(), "agent-1", "LAUNCH_FAILED", "image not found");

        assertThat(instance).isEnded().hasPassed("EndEvent_LaunchFailed").variables()
                .containsEntry("launchError", "image not found");
        assertThat(outcomes).containsExactly("EndEvent_LaunchFailed");
    }

    @Test
    void aFailureWithoutRetriesLeftBecomesAnIncident() {
        String queue = queue();
        ProcessInstance instance = start(queue);

        externalTasks().handleFailure(fetch(queue).get(0).getId(), "agent-1", "out of GPUs", 0, 0);

        assertThat(instance).isWaitingAt("Task_RunJob");
        assertThat(engine().getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult()
                .getIncidentMessage()).isEqualTo("out of GPUs");
    }

    @Test
    void aRunNobodyPickedUpFailsWhenTheQueueTimeIsUp() {
        ProcessInstance instance = start(queue());

        execute(timer(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_NotPickedUp").hasNotPassed("EndEvent_Launched");
        assertThat(outcomes).containsExactly("EndEvent_NotPickedUp");
    }

    @Test
    void aRunAnAgentHoldsIsNotFailedWhenTheQueueTimeIsUp() {
        String queue = queue();
        ProcessInstance instance = start(queue);
        LockedExternalTask task = fetch(queue).get(0);

        execute(timer(instance));
        assertThat(instance).isWaitingAt("Task_RunJob").hasPassed("EndEvent_AgentHasTheRun");
        externalTasks().complete(task.getId(), "agent-1");

        assertThat(instance).isEnded().hasPassed("EndEvent_Launched");
        assertThat(outcomes).containsExactly("EndEvent_Launched");
    }

    private static ProcessInstance start(String queue) {
        return engine().getRuntimeService().startProcessInstanceByKey("launch-action",
                Map.of("executionId", UUID.randomUUID().toString(), "team", "acme", "queue", queue));
    }

    private static List<LockedExternalTask> fetch(String queue) {
        return externalTasks().fetchAndLock(10, "agent-1").topic("launch-job", 60_000)
                .processInstanceVariableEquals(Map.of("queue", queue)).execute();
    }

    private static Job timer(ProcessInstance instance) {
        return engine().getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .singleResult();
    }

    private static ProcessEngine engine() {
        return process.engine();
    }

    private static ExternalTaskService externalTasks() {
        return engine().getExternalTaskService();
    }

    private static String queue() {
        return "gpu-" + UUID.randomUUID();
    }
}
