package io.cascade.engine.webhook.delivery;

import io.cascade.engine.action.ActionProcesses;
import io.cascade.engine.event.EventRepository;
import io.cascade.engine.execution.Attempt;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionService.Delivery;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.execution.WebhookSnapshot;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_DeliverWebhook: one attempt. Renders the payload (secrets included, so it is rendered per
 * attempt and never stored in clear), signs it, sends it, records the attempt. A failure worth
 * retrying (a failure before sending included) is recorded and thrown, so Camunda's job executor
 * retries on the schedule and raises an incident at the end; a rejection ends the process at the
 * "rejected" end event.
 */
@Component("deliverWebhook")
public class DeliverWebhookDelegate implements JavaDelegate {

    public static final String REJECTED = "WEBHOOK_REJECTED";
    private static final Logger log = LoggerFactory.getLogger(DeliverWebhookDelegate.class);

    private final ExecutionService executions;
    private final ExecutionRecorder recorder;
    private final EventRepository events;
    private final SecretService secrets;
    private final WebhookService webhooks;
    private final PayloadRenderer renderer;
    private final WebhookSender sender;
    private final RetrySchedule schedule;

    DeliverWebhookDelegate(ExecutionService executions, ExecutionRecorder recorder, EventRepository events,
                           SecretService secrets, WebhookService webhooks, PayloadRenderer renderer,
                           WebhookSender sender, RetrySchedule schedule) {
        this.executions = executions;
        this.recorder = recorder;
        this.events = events;
        this.secrets = secrets;
        this.webhooks = webhooks;
        this.renderer = renderer;
        this.sender = sender;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID executionId = UUID.fromString((String) execution.getVariable(ActionProcesses.EXECUTION_ID));
        String webhook = (String) execution.getVariable("actionName");
        OffsetDateTime startedAt = OffsetDateTime.now();
        Prepared prepared;
        try {
            prepared = prepare(executionId);
        } catch (BpmnError rejection) {
            throw rejection;
        } catch (RuntimeException failure) {
            int attempt = recordUnsent(executionId, startedAt, failure);
            throw new WebhookDeliveryException(incidentMessage(webhook, "not sent: "
                    + WebhookSender.describe(failure), attempt), null, failure);
        }

        ReceiverResponse response = sender.send(prepared.request());
        Attempt attempt = new Attempt(0, startedAt, response.durationMs(), response.status(), response.body(),
                response.succeeded() ? null : response.failure());
        if (response.succeeded()) {
            recorder.record(executionId, attempt, ExecutionStatus.FINISHED);
            return;
        }
        // The one log line of a failed attempt: ExpectedDeliveryFailureLogFilter drops Camunda's stack traces of it.
        log.warn("webhook attempt failed: execution {}, webhook {}: {}", executionId, prepared.action().webhook(),
                response.failure());
        if (!response.retryable()) {
            recorder.record(executionId, attempt, ExecutionStatus.FAILED);
            if (response.gone() && prepared.action().webhookId() != null) {
                webhooks.disable(prepared.action().webhookId(), "receiver answered 410 Gone at " + startedAt);
            }
            throw new BpmnError(REJECTED, response.failure());
        }
        int number = recorder.record(executionId, attempt, statusAfterRetryableFailure());
        throw new WebhookDeliveryException(incidentMessage(prepared.action().webhook(), response.failure(), number),
                response.retryAfter());
    }

    /** What Cockpit shows on the job and, when retries run out, on the incident. */
    static String incidentMessage(String webhook, String failure, int attempt) {
        String name = webhook == null ? "of this run" : webhook;
        return "webhook " + name + ": " + failure + " (attempt " + attempt + ")";
    }

    private Prepared prepare(UUID executionId) {
        Delivery delivery = executions.delivery(executionId);
        WebhookSnapshot action = delivery.action();
        refuseIfDisabled(executionId, action);
        Map<String, String> teamSecrets = secrets.values(delivery.teamId());
        String body = renderer.render(action.payloadTemplate(),
                PayloadVariables.of(events.load(delivery.eventId())), teamSecrets);
        OutgoingRequest request = RequestPreparer.prepare(action.url(), body, executionId.toString(),
                OffsetDateTime.now().toEpochSecond(),
                secretValue(executionId, teamSecrets, action.secretName()),
                secretValue(executionId, teamSecrets, action.accessTokenName()), teamSecrets.values());
        return new Prepared(action, request);
    }

    /**
     * A failure before the request left (the row, a secret or the payload): recorded like a failed
     * send, so history shows what Camunda is retrying. The exception's message is kept: those of
     * the cipher, the renderer and the preparer carry no secret value.
     */
    private int recordUnsent(UUID executionId, OffsetDateTime startedAt, RuntimeException failure) {
        long durationMs = Duration.between(startedAt, OffsetDateTime.now()).toMillis();
        Attempt attempt = new Attempt(0, startedAt, durationMs, null, null,
                "not sent: " + WebhookSender.describe(failure));
        try {
            return recorder.record(executionId, attempt, statusAfterRetryableFailure());
        } catch (RuntimeException unrecorded) {
            failure.addSuppressed(unrecorded); // e.g. the execution row is gone: Camunda still shows the cause
            return 0;
        }
    }

    private ExecutionStatus statusAfterRetryableFailure() {
        return schedule.isLastAttempt() ? ExecutionStatus.FAILED : ExecutionStatus.RUNNING;
    }

    private void refuseIfDisabled(UUID executionId, WebhookSnapshot action) {
        Optional<Webhook> current = action.webhookId() == null ? Optional.empty()
                : webhooks.findById(action.webhookId());
        if (current.isPresent() && current.get().disabled()) {
            reject(executionId, current.get().disabledNotice(action.webhook()));
        }
    }

    private String secretValue(UUID executionId, Map<String, String> teamSecrets, String name) {
        if (name == null) {
            return null;
        }
        String value = teamSecrets.get(name);
        if (value == null) {
            reject(executionId, "team secret " + name + " used by the webhook no longer exists");
        }
        return value;
    }

    private void reject(UUID executionId, String reason) {
        recorder.status(executionId, ExecutionStatus.FAILED, reason);
        throw new BpmnError(REJECTED, reason);
    }

    private record Prepared(WebhookSnapshot action, OutgoingRequest request) {
    }
}
