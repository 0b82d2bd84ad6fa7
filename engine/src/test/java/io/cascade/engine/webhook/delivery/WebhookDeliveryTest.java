package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.event.EventType;
import io.cascade.engine.execution.AttemptOutcome;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookService;
import io.cascade.engine.webhook.WebhookSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** One delivery attempt's outcome, without Camunda: the receiver's answer decides the path the BPMN takes. */
class WebhookDeliveryTest {

    private static final UUID EXECUTION = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID WEBHOOK = UUID.randomUUID();

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutionService executions = mock(ExecutionService.class);
    private final ExecutionRecorder recorder = mock(ExecutionRecorder.class);
    private final EventLog events = mock(EventLog.class);
    private final SecretService secrets = mock(SecretService.class);
    private final WebhookService webhooks = mock(WebhookService.class);
    private final WebhookSender sender = mock(WebhookSender.class);
    private final WebhookDelivery delivery = new WebhookDelivery(executions, recorder, events, secrets, webhooks,
            new PayloadRenderer(), sender, json);

    @BeforeEach
    void anExecutionOfWebhookCi() {
        snapshot("sign");
        when(events.loadAll(any())).thenReturn(Map.of(EVENT, new ArtifactEvent("e-1", EventType.CREATE_ARTIFACT, "acme",
                "vision", "alice", "models", new Artifact("a-1", "v3", "model", Map.of()), null)));
        when(secrets.values(TEAM)).thenReturn(Map.of("sign", "s3cret"));
        when(webhooks.findAllById(any())).thenReturn(Map.of(WEBHOOK, webhook(null)));
    }

    @Test
    void aTwoHundredIsDelivered() {
        answer(200, Map.of());

        assertThat(attempt(false)).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class, delivered -> {
            assertThat(delivered.executionId()).isEqualTo(EXECUTION);
            assertThat(delivered.attempt().outcome()).isEqualTo(AttemptOutcome.DELIVERED);
        });
        verify(recorder, never()).record(any(), any(), any()); // the worker records it as the run ends
    }

    @Test
    void aFourHundredIsRejected() {
        answer(400, Map.of());

        assertThat(attempt(false))
                .isEqualTo(new DeliveryOutcome.Rejected("receiver answered HTTP 400"));
        verify(recorder).record(eq(EXECUTION), any(), eq(ExecutionStatus.FAILED));
    }

    @Test
    void aFourTenIsGoneAndNamesTheWebhookToDisable() {
        answer(410, Map.of());

        DeliveryOutcome outcome = attempt(false);

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Gone.class, gone -> {
            assertThat(gone.webhookId()).isEqualTo(WEBHOOK);
            assertThat(gone.reason()).isEqualTo("receiver answered HTTP 410");
            assertThat(gone.disabledReason()).startsWith("receiver answered 410 Gone at ");
        });
        verify(recorder).record(eq(EXECUTION), any(), eq(ExecutionStatus.RUNNING));
    }

    @Test
    void aFiveOhThreeIsRetriedAfterTheReceiversRetryAfter() {
        answer(503, Map.of("Retry-After", "7"));
        when(recorder.record(eq(EXECUTION), any(), eq(ExecutionStatus.RUNNING))).thenReturn(2);

        assertThat(attempt(false)).isEqualTo(new DeliveryOutcome.RetryLater(
                "webhook ci: receiver answered HTTP 503 (attempt 2)", Duration.ofSeconds(7)));
        verify(recorder).record(eq(EXECUTION), any(), eq(ExecutionStatus.RUNNING));
    }

    @Test
    void aRetryableFailureOnTheLastAttemptFailsTheExecution() {
        answer(502, Map.of());

        assertThat(attempt(true)).isInstanceOf(DeliveryOutcome.RetryLater.class);
        verify(recorder).record(eq(EXECUTION), any(), eq(ExecutionStatus.FAILED));
    }

    @Test
    void theAttemptIsRecordedAsStartedBeforeTheRequestLeavesAndCompletedWithItsNumberAfter() {
        answer(503, Map.of());
        when(recorder.started(eq(EXECUTION), any())).thenReturn(3);

        attempt(false);

        InOrder order = inOrder(recorder, sender);
        order.verify(recorder).started(eq(EXECUTION), any());
        order.verify(sender).send(any());
        order.verify(recorder).record(eq(EXECUTION), argThat(attempt -> attempt.number() == 3
                && attempt.outcome() == AttemptOutcome.FAILED && attempt.responseStatus() == 503),
                eq(ExecutionStatus.RUNNING));
    }

    @Test
    void aDeliveredAttemptCarriesTheNumberItWasStartedWith() {
        answer(200, Map.of());
        when(recorder.started(eq(EXECUTION), any())).thenReturn(3);

        assertThat(attempt(false)).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class, delivered ->
                assertThat(delivered.attempt()).satisfies(attempt -> {
                    assertThat(attempt.number()).isEqualTo(3);
                    assertThat(attempt.responseStatus()).isEqualTo(200);
                }));
    }

    @Test
    void aNodeThatStopsWhileTheRequestIsOutLeavesTheStartedAttemptUncompleted() {
        when(recorder.started(eq(EXECUTION), any())).thenReturn(1);
        when(sender.send(any())).thenThrow(new IllegalStateException("the node stops here"));

        assertThatThrownBy(() -> attempt(false)).hasRootCauseMessage("the node stops here");

        verify(recorder).started(eq(EXECUTION), any());
        verify(recorder, never()).record(any(), any(), any());
    }

    @Test
    void whenTheAttemptCannotBeRecordedAsStartedNothingIsSent() {
        when(recorder.started(eq(EXECUTION), any())).thenThrow(new CannotGetJdbcConnectionException("database away"));

        assertThatThrownBy(() -> attempt(false))
                .isInstanceOf(CannotGetJdbcConnectionException.class);

        verifyNoInteractions(sender);
    }

    @Test
    void aFailureBeforeSendingIsRecordedAsAStartedAndCompletedAttempt() {
        when(secrets.values(TEAM)).thenThrow(new IllegalStateException("could not decrypt a secret"));
        when(recorder.started(eq(EXECUTION), any())).thenReturn(1);

        assertThatThrownBy(() -> attempt(false))
                .isInstanceOf(WebhookDeliveryException.class)
                .as("the webhook's name from the run's row, as Cockpit shows it on the task and incident")
                .hasMessageStartingWith("webhook ci: not sent:");

        InOrder order = inOrder(recorder);
        order.verify(recorder).started(eq(EXECUTION), any());
        order.verify(recorder).record(eq(EXECUTION), argThat(attempt -> attempt.number() == 1
                && attempt.outcome() == AttemptOutcome.FAILED && attempt.error().startsWith("not sent:")),
                eq(ExecutionStatus.RUNNING));
        verifyNoInteractions(sender);
    }

    @Test
    void aDisabledWebhookIsRejectedWithoutSending() {
        when(webhooks.findAllById(any())).thenReturn(Map.of(WEBHOOK, webhook("receiver answered 410 Gone")));

        assertThat(attempt(false)).isEqualTo(
                new DeliveryOutcome.Rejected("webhook ci is disabled: receiver answered 410 Gone"));
        verifyNoInteractions(sender);
    }

    @Test
    void aDeletedSecretIsRejectedWithoutSending() {
        snapshot("gone-secret");

        assertThat(attempt(false)).isEqualTo(
                new DeliveryOutcome.Rejected("team secret gone-secret used by the webhook no longer exists"));
        verifyNoInteractions(sender);
    }

    @Test
    void runsPreparedTogetherAreReadOnceForAllOfThemAndEachGetsItsOwnRequest() {
        UUID other = UUID.randomUUID();
        when(executions.runs(any())).thenReturn(Map.of(EXECUTION, run(EXECUTION, "sign"), other, run(other, "sign")));
        List<OutgoingRequest> sent = new ArrayList<>();
        when(sender.send(any())).thenAnswer(invocation -> {
            sent.add(invocation.getArgument(0));
            return CompletableFuture.completedFuture(new ReceiverResponse(200, Map.of(), "", 12, null));
        });

        WebhookDelivery.Preparations together = delivery.prepareAll(List.of(EXECUTION, other));
        for (UUID execution : List.of(EXECUTION, other)) {
            assertThat(delivery.attempt(execution, false, together, AttemptStarts.eachAlone(recorder),
                    Runnable::run).join()).isInstanceOf(DeliveryOutcome.Delivered.class);
        }

        assertThat(sent).extracting(request -> request.headers().get("webhook-id"))
                .containsExactly(EXECUTION.toString(), other.toString());
        verify(executions).runs(List.of(EXECUTION, other));
        verify(events).loadAll(Set.of(EVENT));
        verify(webhooks).findAllById(Set.of(WEBHOOK));
        verify(secrets).values(TEAM); // once for the team of both
    }

    @Test
    void aRunThatIsGoneFailsAloneAndTheOthersAreSent() {
        UUID gone = UUID.randomUUID();
        when(recorder.started(eq(gone), any())).thenReturn(1);
        answer(200, Map.of());

        WebhookDelivery.Preparations together = delivery.prepareAll(List.of(gone, EXECUTION));

        assertThatThrownBy(() -> delivery.attempt(gone, false, together, AttemptStarts.eachAlone(recorder),
                Runnable::run).join()).isInstanceOf(WebhookDeliveryException.class)
                .hasMessageContaining("execution " + gone + " does not exist");
        assertThat(delivery.attempt(EXECUTION, false, together, AttemptStarts.eachAlone(recorder),
                Runnable::run).join()).isInstanceOf(DeliveryOutcome.Delivered.class);
    }

    @Test
    void whenTheReadsOfAChunkFailEachRunIsReadAloneSoOnlyTheUnreadableOneFails() {
        UUID unreadable = UUID.randomUUID();
        when(recorder.started(eq(unreadable), any())).thenReturn(1);
        readsFailWith(unreadable);
        answer(200, Map.of());

        WebhookDelivery.Preparations together = delivery.prepareAll(List.of(unreadable, EXECUTION));

        assertThat(delivery.attempt(EXECUTION, false, together, AttemptStarts.eachAlone(recorder),
                Runnable::run).join()).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThatThrownBy(() -> delivery.attempt(unreadable, false, together, AttemptStarts.eachAlone(recorder),
                Runnable::run).join()).isInstanceOf(WebhookDeliveryException.class)
                .hasMessageContaining("unreadable action snapshot");
    }

    @Test
    void aRunReadAloneThatCannotBePreparedStillNamesItsWebhook() {
        UUID unreadable = UUID.randomUUID();
        when(recorder.started(eq(EXECUTION), any())).thenReturn(1);
        readsFailWith(unreadable);
        when(secrets.values(TEAM)).thenThrow(new IllegalStateException("could not decrypt a secret"));

        WebhookDelivery.Preparations together = delivery.prepareAll(List.of(unreadable, EXECUTION));

        assertThatThrownBy(() -> delivery.attempt(EXECUTION, false, together, AttemptStarts.eachAlone(recorder),
                Runnable::run).join()).isInstanceOf(WebhookDeliveryException.class)
                .hasMessageStartingWith("webhook ci: not sent:");
        verifyNoInteractions(sender);
    }

    @Test
    void whenTheReadsFailEveryRunAskedForFailsWithTheirCauseAndNothingIsSent() {
        when(executions.runs(any())).thenThrow(new CannotGetJdbcConnectionException("database away"));

        WebhookDelivery.Preparations together = delivery.prepareAll(List.of(EXECUTION));

        assertThatThrownBy(() -> attempt(false)).isInstanceOf(WebhookDeliveryException.class)
                .hasRootCauseInstanceOf(CannotGetJdbcConnectionException.class);
        assertThatThrownBy(() -> together.prepare(EXECUTION)).isInstanceOf(CannotGetJdbcConnectionException.class);
        verifyNoInteractions(sender);
    }

    private ExecutionService.Run run(UUID execution, String secretName) {
        WebhookSnapshot snapshot = new WebhookSnapshot("GENERIC_WEBHOOK", WEBHOOK, "ci", "https://example.com/hook",
                secretName, null, "{\"v\": \"${artifact_version_string}\"}");
        return new ExecutionService.Run(execution, TEAM, EVENT, json.valueToTree(snapshot));
    }

    private void snapshot(String secretName) {
        when(executions.runs(any())).thenReturn(Map.of(EXECUTION, run(EXECUTION, secretName)));
    }

    private void answer(int status, Map<String, String> headers) {
        when(sender.send(any())).thenReturn(CompletableFuture.completedFuture(
                new ReceiverResponse(status, headers, "", 12, null)));
    }

    /** One attempt, its answer recorded on the calling thread. */
    /** Any read that asks for {@code unreadable} fails; {@link #EXECUTION} read without it is found. */
    private void readsFailWith(UUID unreadable) {
        when(executions.runs(any())).thenAnswer(invocation -> {
            Collection<UUID> asked = invocation.getArgument(0);
            if (asked.contains(unreadable)) {
                throw new IllegalStateException("unreadable action snapshot");
            }
            return Map.of(EXECUTION, run(EXECUTION, "sign"));
        });
    }

    private DeliveryOutcome attempt(boolean lastAttempt) {
        return delivery.attempt(EXECUTION, lastAttempt, AttemptStarts.eachAlone(recorder), Runnable::run).join();
    }

    private static Webhook webhook(String disabledReason) {
        return new Webhook(WEBHOOK, TEAM, "ci", "https://example.com/hook", "sign", null, disabledReason);
    }
}
