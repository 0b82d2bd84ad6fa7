package io.cascade.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RetrySchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/webhook-action.bpmn on a real engine (PostgreSQL). The delivery task is an external task:
 * the test plays Cascade's delivery worker, reporting each outcome as it does (complete, a BPMN error,
 * or a failure with the retries and wait from the schedule).
 */
class WebhookActionProcessTest {

    private static final String WORKER = "cascade-webhooks@test";

    @RegisterExtension
    static final DeployedProcess process = new DeployedProcess("processes/webhook-action.bpmn");

    private final RetrySchedule schedule = new RetrySchedule("PT1S,PT2S");
    private final JavaDelegate disable = mock(JavaDelegate.class);
    private final List<String> outcomes = new ArrayList<>();

    @BeforeEach
    void beans() {
        ExecutionListener recordOutcome = execution -> outcomes.add(execution.getCurrentActivityId());
        process.bean("disableWebhook", disable).bean("webhookOutcome", recordOutcome);
    }

    @Test
    void theDiagramShowsEveryElement() {
        process.assertDiagramComplete();
    }

    @Test
    void theRequestReturnsBeforeDeliveryWithTheTaskWaitingForTheWorker() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("Task_DeliverWebhook").externalTask()
                .hasTopicName(ActionProcesses.WEBHOOK_TOPIC);
        assertThat(engine().getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .as("no job: the job executor is not on the delivery path").isZero();
        verifyNoInteractions(disable);
    }

    @Test
    void aSuccessfulDeliveryEndsAtDelivered() {
        ProcessInstance instance = start();

        externalTasks().complete(fetch(instance).getId(), WORKER);

        assertThat(instance).hasPassed("Task_DeliverWebhook").isEnded().hasPassed("EndEvent_Delivered");
        assertThat(outcomes).containsExactly("EndEvent_Delivered");
    }

    @Test
    void aRejectionEndsAtNotDeliveredWithoutRetry() {
        ProcessInstance instance = start();

        externalTasks().handleBpmnError(fetch(instance).getId(), WORKER, "WEBHOOK_REJECTED",
                "receiver answered HTTP 400");

        assertThat(instance).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("EndEvent_Delivered");
        assertThat(instance).variables().containsEntry("deliveryError", "receiver answered HTTP 400");
        assertThat(outcomes).containsExactly("EndEvent_Rejected");
    }

    @Test
    void goneDisablesTheWebhookThenEnds() throws Exception {
        ProcessInstance instance = start();

        externalTasks().handleBpmnError(fetch(instance).getId(), WORKER, "WEBHOOK_GONE", "receiver answered HTTP 410",
                Map.of("webhookId", "00000000-0000-0000-0000-0000000000aa", "disabledReason", "410 at noon"));

        assertThat(instance).isEnded().hasPassed("Task_DisableWebhook").hasPassed("EndEvent_WebhookDisabled")
                .hasNotPassed("EndEvent_Rejected");
        verify(disable).execute(any());
        assertThat(outcomes).containsExactly("EndEvent_WebhookDisabled");
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleThenBecomeAnIncident() {
        ProcessInstance instance = start();

        failOnce(instance, "receiver answered HTTP 503 (attempt 1)");
        assertThat(taskOf(instance).getRetries()).isEqualTo(2);
        failOnce(instance, "receiver answered HTTP 503 (attempt 2)");
        assertThat(taskOf(instance).getRetries()).isEqualTo(1);
        failOnce(instance, "receiver answered HTTP 503 (attempt 3)");

        assertThat(taskOf(instance).getRetries()).isZero();
        assertThat(engine().getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .singleResult().getIncidentMessage()).isEqualTo("receiver answered HTTP 503 (attempt 3)");
        assertThat(outcomes).isEmpty();
    }

    @Test
    void aRetryFromCockpitAfterTheIncidentCanStillDeliver() {
        ProcessInstance instance = start();
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");
        assertThat(fetchAll()).as("no retries left: nothing to fetch")
                .noneMatch(t -> t.getProcessInstanceId().equals(instance.getId()));

        externalTasks().setRetries(taskOf(instance).getId(), 1); // Cockpit's retry of the incident
        externalTasks().complete(fetch(instance).getId(), WORKER);

        assertThat(instance).isEnded().hasPassed("EndEvent_Delivered");
        assertThat(engine().getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
                .isZero();
    }

    @Test
    void onlyTheAttemptAfterWhichCamundaGivesUpIsTheLast() {
        ProcessInstance instance = start();
        List<Boolean> lastAttempt = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            lastAttempt.add(failOnce(instance, "receiver answered HTTP 503"));
        }
        externalTasks().setRetries(taskOf(instance).getId(), 2); // a retry from Cockpit
        lastAttempt.add(failOnce(instance, "receiver answered HTTP 503"));
        lastAttempt.add(failOnce(instance, "receiver answered HTTP 503"));

        assertThat(lastAttempt).containsExactly(false, false, true, false, true);
        assertThat(taskOf(instance).getRetries()).isZero();
    }

    private static ProcessInstance start() {
        return engine().getRuntimeService().startProcessInstanceByKey("webhook-action",
                Map.of("executionId", "00000000-0000-0000-0000-000000000001", "team", "acme"));
    }

    /** Fetches, fails as the worker does (retries and wait from the schedule); returns whether it was the last. */
    private boolean failOnce(ProcessInstance instance, String message) {
        LockedExternalTask task = fetch(instance);
        boolean last = schedule.isLastAttempt(task.getRetries());
        // the wait is 0 here so the next attempt can be fetched at once; the worker passes the schedule's
        externalTasks().handleFailure(task.getId(), WORKER, message, null,
                schedule.retriesAfterFailure(task.getRetries()), 0);
        return last;
    }

    private static LockedExternalTask fetch(ProcessInstance instance) {
        return fetchAll().stream().filter(t -> t.getProcessInstanceId().equals(instance.getId())).findFirst()
                .orElseThrow();
    }

    private static List<LockedExternalTask> fetchAll() {
        return externalTasks().fetchAndLock(10, WORKER).topic(ActionProcesses.WEBHOOK_TOPIC, 60_000).execute();
    }

    private static ExternalTask taskOf(ProcessInstance instance) {
        return externalTasks().createExternalTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static ExternalTaskService externalTasks() {
        return engine().getExternalTaskService();
    }

    private static ProcessEngine engine() {
        return process.engine();
    }
}
