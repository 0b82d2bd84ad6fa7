package io.cascade.engine.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.event.ArtifactEvent;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The executions table's write side for starting and restarting runs: one row per (event,
 * automation), with the action as it was when the run started.
 */
@Service
public class ExecutionService {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final OverviewChanges overview;

    ExecutionService(JdbcClient jdbc, ObjectMapper json, OverviewChanges overview) {
        this.jdbc = jdbc;
        this.json = json;
        this.overview = overview;
    }

    /**
     * Records a started run, in the caller's transaction: PENDING, or FAILED with its refusal. It is
     * created when its event was accepted ({@code acceptedAt}; now when null), which for an event
     * taken from the inbox is before it was matched.
     */
    public ExecutionRef insert(NewExecution run) {
        // in microseconds, as the databases store it: the hour counted now is the one read back later
        OffsetDateTime now = (run.acceptedAt() == null ? OffsetDateTime.now() : run.acceptedAt())
                .truncatedTo(ChronoUnit.MICROS);
        ExecutionStatus status = run.refusal() == null ? ExecutionStatus.PENDING : ExecutionStatus.FAILED;
        jdbc.sql("""
                        insert into executions (id, team_id, project_id, event_id, automation_id, automation_name,
                        action_type, action, payload, queue, status, process_instance_id, last_error, created_at,
                        updated_at, event_type, collection, author, action_name)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(run.id(), run.teamId(), run.projectId(), run.eventId(), run.automationId(),
                        run.automationName(), run.actionType(), write(run.snapshot()), run.payload(), run.queue(),
                        status.name(),
                        run.processInstanceId(), run.refusal(), now, now, run.event().type().name(),
                        run.event().collection(), run.event().author(), run.actionName())
                .update();
        overview.inserted(new RollupKey(run.teamId(), RollupKey.hourOf(now), run.projectId(), run.automationId(),
                run.automationName(), run.actionType(), run.actionName()), status);
        return new ExecutionRef(run.id(), run.automationName(), run.automationId());
    }

    /** What a step of each run needs (the action snapshot, the event, the team), for those that exist, in one read. */
    public Map<UUID, Run> runs(Collection<UUID> executionIds) {
        Map<UUID, Run> runs = new HashMap<>();
        if (executionIds.isEmpty()) {
            return runs;
        }
        jdbc.sql("select id, team_id, event_id, action from executions where id in (:ids)")
                .param("ids", List.copyOf(executionIds))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    runs.put(id, new Run(id, rs.getObject("team_id", UUID.class), rs.getObject("event_id", UUID.class),
                            read(rs.getString("action"))));
                });
        return runs;
    }

    /** The run's status, action snapshot and process, locked until the caller's transaction ends. */
    public Current lock(UUID executionId) {
        return current(executionId, " for update");
    }

    /** The same, unlocked: what the run is as of now, e.g. to label it. */
    public Current current(UUID executionId) {
        return current(executionId, "");
    }

    private Current current(UUID executionId, String lock) {
        return jdbc.sql("""
                        select status, action, process_instance_id, event_id, automation_id, automation_name,
                        project_id from executions where id = ?""" + lock)
                .param(executionId)
                .query((rs, n) -> new Current(ExecutionStatus.valueOf(rs.getString("status")),
                        read(rs.getString("action")), rs.getString("process_instance_id"),
                        rs.getObject("event_id", UUID.class), rs.getObject("automation_id", UUID.class),
                        rs.getString("automation_name"), rs.getObject("project_id", UUID.class)))
                .single();
    }

    /** A run whose process holds an incident is retried on its own job: PENDING again. */
    public void retried(UUID executionId) {
        OverviewChanges.Counted before = overview.lock(executionId);
        jdbc.sql("update executions set status = ?, updated_at = ? where id = ?")
                .params(ExecutionStatus.PENDING.name(), OffsetDateTime.now(), executionId)
                .update();
        overview.changed(before, ExecutionStatus.PENDING, null);
    }

    /** The run starts over in a new process instance. */
    public void restarted(UUID executionId, String processInstanceId) {
        OverviewChanges.Counted before = overview.lock(executionId);
        jdbc.sql("update executions set status = ?, process_instance_id = ?, updated_at = ? where id = ?")
                .params(ExecutionStatus.PENDING.name(), processInstanceId, OffsetDateTime.now(), executionId)
                .update();
        overview.changed(before, ExecutionStatus.PENDING, null);
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String action) {
        try {
            return json.readTree(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable action snapshot", e);
        }
    }

    /** A run as it starts: which event fired which automation, and what starting its action produced. */
    public record NewExecution(UUID id, UUID teamId, UUID projectId, UUID eventId, ArtifactEvent event,
                               UUID automationId, String automationName, String actionType, String actionName,
                               String queue, JsonNode snapshot, String payload, String processInstanceId,
                               String refusal, OffsetDateTime acceptedAt) {
    }

    public record Run(UUID executionId, UUID teamId, UUID eventId, JsonNode action) {
    }

    public record Current(ExecutionStatus status, JsonNode action, String processInstanceId, UUID eventId,
                         UUID automationId, String automationName, UUID projectId) {
    }
}
