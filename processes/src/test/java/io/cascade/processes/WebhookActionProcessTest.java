package io.cascade.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import io.cascade.engine.webhook.delivery.RetrySchedule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** processes/webhook-action.bpmn on a real engine (PostgreSQL), with the delivery step scripted. */
class WebhookActionProcessTest {

    static ProcessEngine engine;
    static String deploymentId;
    static final Deque<JavaDelegate> attempts = new ArrayDeque<>();
    static final RetrySchedule schedule = new RetrySchedule("PT1S,PT2S");

    @BeforeAll
    static void startEngine() {
        JavaDelegate scripted = execution -> attempts.removeFirst().execute(execution);
        engine = TestEngines.start("webhook-action-test", Map.of("deliverWebhook", scripted,
                "webhookRetrySchedule", schedule));
        deploymentId = engine.getRepositoryService().createDeployment()
                .addClasspathResource("processes/webhook-action.bpmn").deploy().getId();
        BpmnAwareTests.init(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
        engine.close();
    }

    @BeforeEach
    void clearScript() {
        attempts.clear();
    }

    @Test
    void theRequestReturnsBeforeDelivery() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("Task_DeliverWebhook");
        assertThat(attempts).isEmpty();
    }

    @Test
    void aSuccessfulDeliveryEndsAtDelivered() {
        ProcessInstance instance = start();
        attempts.add(execution -> { });

        execute(jobOf(instance));

        assertThat(instance).hasPassed("Task_DeliverWebhook").isEnded().hasPassed("EndEvent_Delivered");
    }

    @Test
    void aRejectionEndsAtNotDeliveredWithoutRetry() {
        ProcessInstance instance = start();
        attempts.add(execution -> {
            throw new BpmnError("WEBHOOK_REJECTED", "receiver answered HTTP 400");
        });

        execute(jobOf(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("EndEvent_Delivered");
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleThenBecomeAnIncident() {
        ProcessInstance instance = start();
        for (int i = 0; i < 3; i++) {
            attempts.add(execution -> {
                throw new IllegalStateException("receiver answered HTTP 503");
            });
        }

        failOnce(instance, "HTTP 503");
        assertThat(jobOf(instance).getRetries()).isEqualTo(2);
        failOnce(instance, "HTTP 503");
        assertThat(jobOf(instance).getRetries()).isEqualTo(1);
        failOnce(instance, "HTTP 503");

        assertThat(jobOf(instance).getRetries()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult()
                .getIncidentMessage()).isEqualTo("receiver answered HTTP 503");
        assertThat(attempts).isEmpty();
    }

    @Test
    void aRetryFromCockpitAfterTheIncidentCanStillDeliver() {
        ProcessInstance instance = start();
        for (int i = 0; i < 3; i++) {
            attempts.add(execution -> {
                throw new IllegalStateException("connection refused");
            });
        }
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");
        failOnce(instance, "connection refused");
        attempts.add(execution -> { });

        engine.getManagementService().setJobRetries(jobOf(instance).getId(), 1);
        execute(jobOf(instance));

        assertThat(instance).isEnded().hasPassed("EndEvent_Delivered");
    }

    @Test
    void onlyTheAttemptAfterWhichCamundaGivesUpIsTheLast() {
        ProcessInstance instance = start();
        List<Boolean> lastAttempt = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            attempts.add(execution -> {
                lastAttempt.add(schedule.isLastAttempt());
                throw new IllegalStateException("receiver answered HTTP 503");
            });
        }

        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");
        engine.getManagementService().setJobRetries(jobOf(instance).getId(), 2); // a retry from Cockpit
        failOnce(instance, "HTTP 503");
        failOnce(instance, "HTTP 503");

        assertThat(lastAttempt).containsExactly(false, false, true, false, true);
        assertThat(jobOf(instance).getRetries()).isZero();
    }

    private static ProcessInstance start() {
        return engine.getRuntimeService().startProcessInstanceByKey("webhook-action",
                Map.of("executionId", "00000000-0000-0000-0000-000000000001", "team", "acme"));
    }

    private static void failOnce(ProcessInstance instance, String message) {
        String jobId = jobOf(instance).getId();
        assertThatThrownBy(() -> engine.getManagementService().executeJob(jobId)).hasMessageContaining(message);
    }

    private static Job jobOf(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    }
}
