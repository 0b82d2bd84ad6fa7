package io.cascade.engine.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.action.ActionProcesses;
import io.cascade.engine.action.RunLabels;
import io.cascade.engine.automation.Automation;
import io.cascade.engine.automation.QueueJobAction;
import io.cascade.engine.automation.WebhookAction;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.launch.LaunchPlanner;
import io.cascade.engine.launch.LaunchSnapshot;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventRepository;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.project.Project;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import io.cascade.engine.webhook.Webhook;
import io.cascade.engine.webhook.WebhookService;
import io.cascade.engine.webhook.delivery.RetrySchedule;
import io.cascade.engine.common.ConflictException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates one execution per (event, automation) and starts its process, in the event's transaction. */
@Service
public class ExecutionService {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final WebhookService webhooks;
    private final SecretService secrets;
    private final PayloadRenderer renderer;
    private final ActionProcesses processes;
    private final LaunchPlanner launches;
    private final EventRepository events;
    private final RetrySchedule schedule;

    ExecutionService(JdbcClient jdbc, ObjectMapper json, WebhookService webhooks, SecretService secrets,
                     PayloadRenderer renderer, ActionProcesses processes, LaunchPlanner launches,
                     EventRepository events, RetrySchedule schedule) {
        this.launches = launches;
        this.schedule = schedule;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.renderer = renderer;
        this.processes = processes;
    }

    public ExecutionRef start(Team team, Project project, UUID eventId, ArtifactEvent event, Automation automation) {
        UUID id = UUID.randomUUID();
        RunLabels run = labels(id, project.name(), eventId, event, automation.id(), automation.name(),
                actionName(automation));
        Started started = automation.action() instanceof QueueJobAction launch
                ? startLaunch(run, team, project, event, launch)
                : startWebhook(run, team, event, (WebhookAction) automation.action());
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                        insert into executions (id, team_id, project_id, event_id, automation_id, automation_name,
                        action_type, action, payload, queue, status, process_instance_id, last_error, created_at,
                        updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, team.id(), project.id(), eventId, automation.id(), automation.name(),
                        automation.action().typeName(), write(started.snapshot()), started.payload(),
                        automation.action().queue(),
                        (started.refusal() == null ? ExecutionStatus.PENDING : ExecutionStatus.FAILED).name(),
                        started.processInstanceId(), started.refusal(), now, now)
                .update();
        return new ExecutionRef(id, automation.name(), automation.id());
    }

    private static String actionName(Automation automation) {
        return automation.action() instanceof QueueJobAction launch ? launch.job() + "/" + launch.queue()
                : automation.action().actionName();
    }

    private static RunLabels labels(UUID id, String project, UUID eventId, ArtifactEvent event, UUID automationId,
                                    String automationName, String actionName) {
        return new RunLabels(id.toString(), automationId.toString(), automationName, project, eventId.toString(),
                event.id(), event.type().name(), event.collection(), event.artifact().version(), actionName);
    }

    private Started startWebhook(RunLabels run, Team team, ArtifactEvent event, WebhookAction action) {
        Optional<Webhook> webhook = webhooks.find(team.id(), action.webhook());
        WebhookSnapshot snapshot = new WebhookSnapshot(WebhookAction.TYPE, webhook.map(Webhook::id).orElse(null),
                action.webhook(), webhook.map(Webhook::url).orElse(null),
                webhook.map(Webhook::secretName).orElse(null), webhook.map(Webhook::accessTokenName).orElse(null),
                action.payload());
        String payload = renderer.renderMasked(action.payload(), PayloadVariables.of(event), secrets.names(team.id()));
        String refusal = refusal(action, webhook).orElse(null);
        String processInstanceId = refusal == null ? processes.startWebhookDelivery(run, team.name()) : null;
        return new Started(snapshot, payload, processInstanceId, refusal);
    }

    /**
     * Why a run of the automation would be recorded as failed without sending anything, e.g. its
     * webhook is disabled; empty when it would be sent. Only webhooks are checked: a launch's queue
     * cannot be deleted while an automation uses it, and its job and projects cannot be deleted at all.
     */
    public Optional<String> refusal(Team team, Automation automation) {
        return automation.action() instanceof WebhookAction action
                ? refusal(action, webhooks.find(team.id(), action.webhook()))
                : Optional.empty();
    }

    private static Optional<String> refusal(WebhookAction action, Optional<Webhook> webhook) {
        if (webhook.isEmpty()) {
            return Optional.of("webhook " + action.webhook() + " no longer exists");
        }
        return webhook.get().disabled()
                ? Optional.of(webhook.get().disabledNotice(action.webhook()))
                : Optional.empty();
    }

    private Started startLaunch(RunLabels run, Team team, Project project, ArtifactEvent event, QueueJobAction action) {
        LaunchSnapshot plan;
        try {
            plan = launches.plan(team, project, action);
        } catch (ProblemException gone) {
            // the job, version, queue or project was deleted after the automation was saved
            return new Started(action, null, null, gone.getMessage());
        }
        Map<String, Object> variables = new HashMap<>();
        PayloadVariables.of(event).forEach((name, value) -> variables.put(name, value instanceof Map<?, ?> ? write(value)
                : value));
        variables.put("job", plan.job());
        variables.put("jobVersion", plan.jobVersion());
        variables.put("config", write(plan.config()));
        variables.put("destinationProject", plan.destinationProject());
        return new Started(plan, null, processes.startLaunch(run, team.name(), plan.queue(), variables), null);
    }

    /** What the delivery step needs: the action snapshot, the event, and the team. */
    public Delivery delivery(UUID executionId) {
        return jdbc.sql("select team_id, event_id, action from executions where id = ?")
                .param(executionId)
                .query((rs, n) -> new Delivery(executionId, rs.getObject("team_id", UUID.class),
                        rs.getObject("event_id", UUID.class), read(rs.getString("action"))))
                .single();
    }

    /**
     * Delivers a finished or failed execution once more: new attempts with the same webhook-id,
     * retried on the whole schedule and recorded like any other. A run whose retries ran out is
     * retried on its own job (the incident Cockpit shows); an ended one gets a new process instance.
     */
    @Transactional
    public void redeliver(UUID executionId, String team) {
        Current current = jdbc.sql("""
                        select status, action, process_instance_id, event_id, automation_id, automation_name,
                        project_id from executions where id = ? for update""")
                .param(executionId)
                .query((rs, n) -> new Current(ExecutionStatus.valueOf(rs.getString("status")),
                        read(rs.getString("action")), rs.getString("process_instance_id"),
                        rs.getObject("event_id", UUID.class), rs.getObject("automation_id", UUID.class),
                        rs.getString("automation_name"), rs.getObject("project_id", UUID.class)))
                .single();
        if (current.status() == ExecutionStatus.PENDING || current.status() == ExecutionStatus.RUNNING) {
            throw new ConflictException("status", "execution " + executionId + " is " + current.status()
                    + "; wait until it has finished or failed");
        }
        if (!WebhookAction.TYPE.equals(current.action().type()) || current.action().url() == null) {
            throw new ConflictException("action", "execution " + executionId + " has no webhook to deliver to");
        }
        if (current.status() == ExecutionStatus.FAILED && current.processInstanceId() != null
                && processes.isActive(current.processInstanceId())) {
            retryInPlace(executionId, current.processInstanceId());
            return;
        }
        String project = jdbc.sql("select name from projects where id = ?").param(current.projectId())
                .query(String.class).single();
        RunLabels run = labels(executionId, project, current.eventId(), events.load(current.eventId()),
                current.automationId(), current.automationName(), current.action().webhook());
        String processInstanceId = processes.startWebhookDelivery(run, team);
        jdbc.sql("update executions set status = ?, process_instance_id = ?, updated_at = ? where id = ?")
                .params(ExecutionStatus.PENDING.name(), processInstanceId, OffsetDateTime.now(), executionId)
                .update();
    }

    /**
     * The failed run's process holds an incident: redelivering is what Cockpit's retry does, on the
     * same job with the whole schedule, so the two can never deliver at once. A failed run's process
     * still active without one has a retry from Cockpit under way (or is recording its last failure).
     */
    private void retryInPlace(UUID executionId, String processInstanceId) {
        if (!processes.retryFailedJob(processInstanceId, schedule.attempts())) {
            throw new ConflictException("status", "execution " + executionId + " is being retried from Cockpit"
                    + " or is finishing its last attempt; try again when it has finished or failed");
        }
        jdbc.sql("update executions set status = ?, updated_at = ? where id = ?")
                .params(ExecutionStatus.PENDING.name(), OffsetDateTime.now(), executionId)
                .update();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookSnapshot read(String action) {
        try {
            return json.readValue(action, WebhookSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable action snapshot", e);
        }
    }

    /** What starting an action produced: the snapshot stored, and the process or the reason there is none. */
    private record Started(Object snapshot, String payload, String processInstanceId, String refusal) {
    }

    private record Current(ExecutionStatus status, WebhookSnapshot action, String processInstanceId, UUID eventId,
                           UUID automationId, String automationName, UUID projectId) {
    }

    public record Delivery(UUID executionId, UUID teamId, UUID eventId, WebhookSnapshot action) {
    }
}
