package io.cascade.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.cascade.engine.camunda.RetrySchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/webhook-action.bpmn on a real engine (PostgreSQL), with the delivery step stubbed. */
class WebhookActionProcessTest {

    @RegisterExtension
    static final DeployedProcess process = new DeployedProcess("processes/webhook-action.bpmn");

    private final RetrySchedule schedule = new RetrySchedule("PT1S,PT2S");
    private final JavaDelegate deliver = mock(JavaDelegate.class);
    private final JavaDelegate disable = mock(JavaDelegate.class);
    private final List<String> outcomes = new ArrayList<>();

    @BeforeEach
    void beans() {
        ExecutionListener recordOutcome = execution -> outcomes.add(execution.getCurrentActivityId());
        process.bean("deliverWebhook", deliver).bean("disableWebhook", disable).bean("webhookOutcome", recordOutcome)
                .bean("webhookRetrySchedule", schedule);
    }

    @Test
    void theDiagramShowsEveryElement() {
        process.assertDiagramComplete();
    }

    @Test
    void theRequestReturnsBeforeDelivery() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("Task_DeliverWebhook");
        verifyNoInteractions(deliver);
    }

    @Test
    void aSuccessfulDeliveryEndsAtDelivered() throws Exception {
        ProcessInstance instance = start();
        doNothing().when(deliver).execute(any());

        execute(jobOf(instance));

        assertThat(instance).hasPassed("Task_DeliverWebhook").isEnded().hasPassed("EndEvent_Delivered");
        assertThat(outcomes).containsExactly("EndEvent_Delivered");
    }

    @Test
    void aRejectionEndsAtNotDeliveredWithoutRetry() throws Exception {
        ProcessInstance instance = start();
        doThrow(new BpmnError("WEBHOOK_REJECTED", "receiver answered HTTP 400")).when(deliver).execute(any());

        execute(jobOf(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("EndEvent_Delivered");
        assertThat(instance).variables().containsEntry("deliveryError", "receiver answered HTTP 400");
        assertThat(outcomes).containsExactly("EndEvent_Rejected");
    }

    @Test
    void goneDisablesTheWebhookThenEnds() throws Exception {
        ProcessInstance instance = start();
        doThrow(new BpmnError("WEBHOOK_GONE", "receiver answered HTTP 410")).when(deliver).execute(any());

        execute(jobOf(instance));

        assertThat(instance).isEnded().hasPassed("Task_DisableWebhook").hasPassed("EndEvent_WebhookDisabled")
                .hasNotPassed("EndEvent_Rejected");
        verify(disable).execute(any());
        assertThat(outcomes).containsExactly("EndEvent_WebhookDisabled");
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleThenBecomeAnIncident() throws Exception {
        ProcessInstance instance = start();
        doThrow(new IllegalStateException("receiver answered HTTP 503")).when(deliver).execute(any());

        failOnce(instance, "HTTP 503");
        assertThat(jobOf(instance).getRetries()).isEqualTo(2);
        failOnce(instance, "HTTP 503");
        assertThat(jobOf(instance).getRetries()).isEqualTo(1);
        failOnce(instance, "HTTP 503");

        assertThat(jobOf(instance).getRetries()).isZero();
        assertThat(engine().getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .singleResult().getIncidentMessage()).isEqualTo("receiver answered HTTP 503");
        verify(deliver, times(3)).execute(any());
        assertThat(outcomes).isEmpty();
    }

    @Test
    void aRetryFromCockpitAfterTheIncidentCanStillDeliver() throws Exception {
        ProcessInstance instance = start();
        doThrow(new IllegalStateException("connection refused")).doThrow(new IllegalStateException("connection refused"))
                .doThrow(new IllegalStateException("connection refused")).doNothing().when(deliver).execute(any());
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");

        engine().getManagementService().setJobRetries(jobOf(instance).getId(), 1);
        execute(jobOf(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_Delivered");
    }

    @Test
    void onlyTheAttemptAfterWhichCamundaGivesUpIsTheLast() throws Exception {
        ProcessInstance instance = start();
        List<Boolean> lastAttempt = new ArrayList<>();
        doAnswer(invocation -> {
            lastAttempt.add(schedule.isLastAttempt());
            throw new IllegalStateException("receiver answered HTTP 503");
        }).when(deliver).execute(any());

        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");
        engine().getManagementService().setJobRetries(jobOf(instance).getId(), 2); // a retry from Cockpit
        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");

        assertThat(lastAttempt).containsExactly(false, false, true, false, true);
        assertThat(jobOf(instance).getRetries()).isZero();
    }

    private static ProcessInstance start() {
        return engine().getRuntimeService().startProcessInstanceByKey("webhook-action",
                Map.of("executionId", "00000000-0000-0000-0000-000000000001", "team", "acme"));
    }

    private static void failOnce(ProcessInstance instance, String message) {
        String jobId = jobOf(instance).getId();
        assertThatThrownBy(() -> engine().getManagementService().executeJob(jobId)).hasMessageContaining(message);
    }

    private static Job jobOf(ProcessInstance instance) {
        return engine().getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static ProcessEngine engine() {
        return process.engine();
    }
}
