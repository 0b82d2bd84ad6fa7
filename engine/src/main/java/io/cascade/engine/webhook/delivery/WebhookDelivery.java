package io.cascade.engine.webhook.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.execution.Attempt;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookService;
import io.cascade.engine.webhook.WebhookSnapshot;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt of an execution: renders the payload (secrets included, so it is rendered
 * per attempt and never stored in clear), signs it, records the attempt as started (committed, so
 * a node that stops while the request is out leaves an attempt of unknown outcome), sends it without
 * holding a thread or a connection to the database, and completes the attempt with the status it
 * leads to, so history shows both at once; a delivered attempt is left to the caller, to record in the
 * transaction that ends the run. The end event the process reaches records the outcome again, in the
 * transaction that ends the process; a 410 is recorded as FAILED only there, after the webhook is disabled.
 */
@Component
class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final ExecutionService executions;
    private final ExecutionRecorder recorder;
    private final EventLog events;
    private final SecretService secrets;
    private final WebhookService webhooks;
    private final PayloadRenderer renderer;
    private final WebhookSender sender;
    private final ObjectMapper json;

    WebhookDelivery(ExecutionService executions, ExecutionRecorder recorder, EventLog events, SecretService secrets,
                    WebhookService webhooks, PayloadRenderer renderer, WebhookSender sender, ObjectMapper json) {
        this.executions = executions;
        this.recorder = recorder;
        this.events = events;
        this.secrets = secrets;
        this.webhooks = webhooks;
        this.renderer = renderer;
        this.sender = sender;
        this.json = json;
    }

    /**
     * Attempts the delivery: prepares it on the calling thread, has {@code starts} record the attempt
     * as started, then sends without holding a thread; the answer is recorded on {@code recording} and
     * completes the result (but for a 2xx, which {@link DeliveryOutcome.Delivered} carries unrecorded).
     * A failure before the request left (the row, a secret, the payload) is recorded like a failed
     * send and thrown as a {@link WebhookDeliveryException} that keeps it as the cause, to be retried.
     * A failed attempt logs one line; the messages of failures worth retrying name the webhook and
     * the attempt, as Cockpit shows them on the external task and incident.
     */
    CompletableFuture<DeliveryOutcome> attempt(UUID executionId, boolean lastAttempt, AttemptStarts starts,
                                               Executor recording) {
        return attempt(executionId, lastAttempt, prepareAll(List.of(executionId)), starts, recording);
    }

    /** The same, with the request taken from {@code preparations} (see {@link #prepareAll}). */
    CompletableFuture<DeliveryOutcome> attempt(UUID executionId, boolean lastAttempt, Preparations preparations,
                                               AttemptStarts starts, Executor recording) {
        OffsetDateTime startedAt = OffsetDateTime.now();
        Prepared prepared;
        try {
            prepared = preparations.prepare(executionId);
        } catch (RuntimeException failure) {
            String notSent = "not sent: " + WebhookSender.describe(failure);
            int number = recordUnsent(executionId, startedAt, notSent, failure, lastAttempt);
            String webhook = preparations.webhook(executionId);
            log.warn("webhook attempt failed: execution {}, webhook {}: {}", executionId, webhook, notSent);
            throw new WebhookDeliveryException(incidentMessage(webhook, notSent, number), null, failure);
        }
        if (prepared.rejection() != null) {
            return CompletableFuture.completedFuture(new DeliveryOutcome.Rejected(prepared.rejection()));
        }
        // nothing is sent unless the attempt was recorded as started
        return starts.started(executionId, startedAt).thenComposeAsync(started -> sender.send(prepared.request())
                .thenApplyAsync(response -> answered(executionId, prepared, started, startedAt, response, lastAttempt),
                        recording), recording);
    }

    private DeliveryOutcome answered(UUID executionId, Prepared prepared, int started, OffsetDateTime startedAt,
                                     ReceiverResponse response, boolean lastAttempt) {
        Attempt attempt = Attempt.answered(started, startedAt, response.durationMs(), response.status(),
                response.body(), response.succeeded() ? null : response.failure());
        if (response.succeeded()) {
            return new DeliveryOutcome.Delivered(executionId, attempt); // recorded as the run ends
        }
        // the one log line of a failed attempt
        log.warn("webhook attempt failed: execution {}, webhook {}: {}", executionId, prepared.action().webhook(),
                response.failure());
        UUID webhookId = prepared.action().webhookId();
        if (response.gone() && webhookId != null) {
            // not FAILED yet: history says so once the webhook is disabled, at the end event
            recorder.record(executionId, attempt, ExecutionStatus.RUNNING);
            return new DeliveryOutcome.Gone(webhookId, response.failure(), "receiver answered 410 Gone at " + startedAt);
        }
        if (!response.retryable()) {
            recorder.record(executionId, attempt, ExecutionStatus.FAILED);
            return new DeliveryOutcome.Rejected(response.failure());
        }
        int number = recorder.record(executionId, attempt, lastAttempt ? ExecutionStatus.FAILED : ExecutionStatus.RUNNING);
        return new DeliveryOutcome.RetryLater(incidentMessage(prepared.action().webhook(), response.failure(), number),
                response.retryAfter());
    }

    /** What Cockpit shows on the job and, when retries run out, on the incident. */
    static String incidentMessage(String webhook, String failure, int attempt) {
        String name = webhook == null ? "of this run" : webhook;
        return "webhook " + name + ": " + failure + " (attempt " + attempt + ")";
    }

    /**
     * Reads what the requests of these runs need in four queries for all of them (their runs, events
     * and webhooks, and each team's secrets) instead of four for each; each request is then prepared
     * when its attempt asks for it. A run that cannot be read or prepared fails alone, when asked for:
     * if the reads for all of them fail, each run is read again on its own.
     */
    Preparations prepareAll(Collection<UUID> executionIds) {
        try {
            return new Reads(executionIds);
        } catch (RuntimeException failure) {
            if (executionIds.size() <= 1) {
                return executionId -> {
                    throw failure;
                };
            }
            // e.g. one row that cannot be mapped: each run is read alone, so that it fails only its own
            return new EachAlone();
        }
    }

    /** Each run read on its own when asked for, once: what was read also names its webhook. */
    private final class EachAlone implements Preparations {

        private final Map<UUID, Reads> read = new ConcurrentHashMap<>();

        @Override
        public Prepared prepare(UUID executionId) {
            return read.computeIfAbsent(executionId, id -> new Reads(List.of(id))).prepare(executionId);
        }

        @Override
        public String webhook(UUID executionId) {
            Reads reads = read.get(executionId);
            return reads == null ? null : reads.webhook(executionId);
        }
    }

    /** Prepares the request of one run: rendered, signed, or why it is not to be sent. */
    interface Preparations {

        Prepared prepare(UUID executionId);

        /** The name of the run's webhook, if its run was read: for the messages of an attempt not sent. */
        default String webhook(UUID executionId) {
            return null;
        }
    }

    /** What one group of runs read together. */
    private final class Reads implements Preparations {

        private final Map<UUID, ExecutionService.Run> runs;
        private final Map<UUID, WebhookSnapshot> actions = new HashMap<>();
        private final Map<UUID, RuntimeException> unreadable = new HashMap<>();
        private final Map<UUID, Webhook> currentWebhooks;
        private final Map<UUID, ArtifactEvent> runEvents;
        private final Map<UUID, Object> teamSecrets = new HashMap<>(); // the values, or why they could not be read

        Reads(Collection<UUID> executionIds) {
            runs = executions.runs(executionIds);
            runs.forEach((id, run) -> {
                try {
                    actions.put(id, snapshot(run));
                } catch (RuntimeException e) {
                    unreadable.put(id, e);
                }
            });
            currentWebhooks = webhooks.findAllById(actions.values().stream().map(WebhookSnapshot::webhookId)
                    .filter(Objects::nonNull).collect(Collectors.toSet()));
            runEvents = events.loadAll(runs.values().stream().map(ExecutionService.Run::eventId)
                    .collect(Collectors.toSet()));
            for (ExecutionService.Run run : runs.values()) {
                teamSecrets.computeIfAbsent(run.teamId(), team -> {
                    try {
                        return secrets.values(team);
                    } catch (RuntimeException e) {
                        return e; // fails this team's runs only
                    }
                });
            }
        }

        @Override
        public String webhook(UUID executionId) {
            WebhookSnapshot action = actions.get(executionId);
            return action == null ? null : action.webhook();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Prepared prepare(UUID executionId) {
            RuntimeException failed = unreadable.get(executionId);
            if (failed != null) {
                throw failed;
            }
            ExecutionService.Run run = runs.get(executionId);
            if (run == null) {
                throw new IllegalStateException("execution " + executionId + " does not exist");
            }
            WebhookSnapshot action = actions.get(executionId);
            Webhook current = action.webhookId() == null ? null : currentWebhooks.get(action.webhookId());
            if (current != null && current.disabled()) {
                return Prepared.rejected(current.disabledNotice(action.webhook()));
            }
            Object secretsRead = teamSecrets.get(run.teamId());
            if (secretsRead instanceof RuntimeException e) {
                throw e;
            }
            ArtifactEvent event = runEvents.get(run.eventId());
            if (event == null) {
                throw new IllegalStateException("event " + run.eventId() + " of execution " + executionId
                        + " does not exist");
            }
            return WebhookDelivery.this.prepare(executionId, action, event, (Map<String, String>) secretsRead);
        }
    }

    private Prepared prepare(UUID executionId, WebhookSnapshot action, ArtifactEvent event,
                             Map<String, String> teamSecrets) {
        String body = renderer.render(action.payloadTemplate(), PayloadVariables.of(event), teamSecrets);
        for (String name : new String[] {action.secretName(), action.accessTokenName()}) {
            if (name != null && !teamSecrets.containsKey(name)) {
                return Prepared.rejected("team secret " + name + " used by the webhook no longer exists");
            }
        }
        OutgoingRequest request = RequestPreparer.prepare(action.url(), body, executionId.toString(),
                OffsetDateTime.now().toEpochSecond(), value(teamSecrets, action.secretName()),
                value(teamSecrets, action.accessTokenName()), teamSecrets.values());
        return new Prepared(action, request, null);
    }

    private static String value(Map<String, String> teamSecrets, String name) {
        return name == null ? null : teamSecrets.get(name);
    }

    /** The exception's message is kept: those of the cipher, the renderer and the preparer carry no secret value. */
    private int recordUnsent(UUID executionId, OffsetDateTime startedAt, String notSent, RuntimeException failure,
                             boolean lastAttempt) {
        try {
            int started = recorder.started(executionId, startedAt);
            long durationMs = Duration.between(startedAt, OffsetDateTime.now()).toMillis();
            Attempt attempt = Attempt.answered(started, startedAt, durationMs, null, null, notSent);
            return recorder.record(executionId, attempt, lastAttempt ? ExecutionStatus.FAILED : ExecutionStatus.RUNNING);
        } catch (RuntimeException unrecorded) {
            failure.addSuppressed(unrecorded); // e.g. the execution row is gone: Camunda still shows the cause
            return 0;
        }
    }

    private WebhookSnapshot snapshot(ExecutionService.Run run) {
        try {
            return json.treeToValue(run.action(), WebhookSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable action snapshot", e);
        }
    }

    record Prepared(WebhookSnapshot action, OutgoingRequest request, String rejection) {

        static Prepared rejected(String reason) {
            return new Prepared(null, null, reason);
        }
    }
}
