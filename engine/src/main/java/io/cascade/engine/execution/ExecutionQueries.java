package io.cascade.engine.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.camunda.ExternalTaskLocks;
import io.cascade.engine.common.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads single executions with their attempts, and the launch runs of a queue.
 */
@Component
public class ExecutionQueries {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SELECT = """
            select x.*, t.name as team_name, p.name as project_name, e.event_key, e.event_type, e.author, e.submitted_by,
            e.collection, e.alias, e.artifact_id, e.artifact_version, e.artifact_type, e.metadata,
            e.created_at as event_created_at, """ + ExternalTaskLocks.COLUMNS + """

            from executions x join teams t on t.id = x.team_id join projects p on p.id = x.project_id
            join events e on e.id = x.event_id
            """ + ExternalTaskLocks.joinOn("x.process_instance_id");
    /** A launch is RUNNING while an agent holds the lock on its external task. */
    private static final String LOCKED = ExternalTaskLocks.LOCKED;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Duration jobLockTime;

    ExecutionQueries(JdbcClient jdbc, ObjectMapper json,
                     @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockTimeMillis) {
        this.jdbc = jdbc;
        this.json = json;
        this.jobLockTime = Duration.ofMillis(jobLockTimeMillis);
    }

    /** The team an execution belongs to, for the access check before anything else is read. */
    public String teamOf(UUID executionId) {
        return jdbc.sql("select t.name from executions x join teams t on t.id = x.team_id where x.id = ?")
                .param(executionId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("execution " + executionId + " not found"));
    }

    public ExecutionView get(UUID executionId) {
        ExecutionView view = jdbc.sql(SELECT + " where x.id = ?").param(executionId).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("execution " + executionId + " not found"));
        return withAttempts(view, attempts(executionId));
    }

    /** Launch runs of a queue, newest first: QUEUED (waiting), RUNNING (locked by an agent), FINISHED, FAILED. */
    public List<ExecutionView> runs(UUID teamId, String queue, RunStatus status, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where x.team_id = :team and x.queue = :queue");
        Map<String, Object> params = new HashMap<>(Map.of("team", teamId, "queue", queue));
        if (status == RunStatus.QUEUED) {
            sql.append(" and x.status = 'PENDING' and not (" + LOCKED + ")");
            params.put("now", Timestamp.from(Instant.now()));
        } else if (status != null) {
            appendStatus(sql, params, ExecutionStatus.valueOf(status.name()));
        }
        sql.append(" order by x.created_at desc, x.id desc limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list().stream().map(ExecutionView::asRun)
                .toList();
    }

    private static void appendStatus(StringBuilder sql, Map<String, Object> params, ExecutionStatus status) {
        params.put("now", Timestamp.from(Instant.now()));
        switch (status) {
            case PENDING -> sql.append(" and x.status = 'PENDING' and not (" + LOCKED + ")");
            case RUNNING -> sql.append(" and (x.status = 'RUNNING' or (x.status = 'PENDING' and " + LOCKED + "))");
            default -> {
                sql.append(" and x.status = :status");
                params.put("status", status.name());
            }
        }
    }

    public Optional<ExecutionStatus> status(UUID executionId) {
        return jdbc.sql("select status from executions where id = ?").param(executionId).query(String.class)
                .optional().map(ExecutionStatus::valueOf);
    }

    /**
     * The attempts, each answered or UNKNOWN. An attempt with no answer recorded is UNKNOWN once a
     * later one started or its job's lock has expired (the node that sent it stopped); until then
     * it is under way: counted in attemptCount, listed once answered.
     */
    private List<Attempt> attempts(UUID executionId) {
        List<Attempt> stored = jdbc.sql("""
                        select number, started_at, duration_ms, response_status, response_body, error
                        from execution_attempts where execution_id = ? order by number""")
                .param(executionId)
                .query((rs, n) -> {
                    int number = rs.getInt(1);
                    OffsetDateTime startedAt = rs.getObject(2, OffsetDateTime.class);
                    long durationMs = rs.getLong(3);
                    return rs.wasNull() ? Attempt.unknown(number, startedAt)
                            : Attempt.answered(number, startedAt, durationMs, (Integer) rs.getObject(4),
                                    rs.getString(5), rs.getString(6));
                })
                .list();
        if (stored.isEmpty()) {
            return stored;
        }
        Attempt last = stored.get(stored.size() - 1);
        boolean underWay = last.outcome() == AttemptOutcome.UNKNOWN
                && last.startedAt().isAfter(OffsetDateTime.now().minus(jobLockTime));
        return underWay ? stored.subList(0, stored.size() - 1) : stored;
    }

    private static ExecutionView withAttempts(ExecutionView v, List<Attempt> attempts) {
        return new ExecutionView(v.id(), v.team(), v.project(), v.status(), v.automation(), v.event(), v.action(),
                v.attemptCount(), attempts, v.agent(), v.result(), v.lastError(), v.processInstanceId(), v.createdAt(),
                v.updatedAt());
    }

    private ExecutionView map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("id", rs.getString("artifact_id"));
        artifact.put("version", rs.getString("artifact_version"));
        artifact.put("type", rs.getString("artifact_type"));
        String metadata = rs.getString("metadata");
        artifact.put("metadata", metadata == null ? Map.of() : read(metadata, MAP));
        // Camunda's own column: a timestamp in the JVM's zone, read back the same way
        Timestamp lockExpires = rs.getTimestamp("lock_expires");
        boolean locked = lockExpires != null && lockExpires.toInstant().isAfter(Instant.now());
        String status = rs.getString("status");
        if (locked && ExecutionStatus.PENDING.name().equals(status)) {
            status = ExecutionStatus.RUNNING.name();
        }
        String agent = rs.getString("worker_id") != null ? rs.getString("worker_id")
                : locked ? rs.getString("lock_worker") : null;
        String result = rs.getString("result");
        return new ExecutionView(rs.getObject("id", UUID.class), rs.getString("team_name"), rs.getString("project_name"),
                status,
                new ExecutionView.AutomationRef(rs.getObject("automation_id", UUID.class), rs.getString("automation_name")),
                new ExecutionView.EventRef(rs.getString("event_key"), rs.getString("event_type"), rs.getString("author"),
                        rs.getString("submitted_by"), rs.getString("collection"), rs.getString("alias"), artifact,
                        rs.getObject("event_created_at", OffsetDateTime.class)),
                action(read(rs.getString("action"), JsonNode.class), rs.getString("payload")),
                rs.getInt("attempts"), List.of(), agent, result == null ? null : read(result, JsonNode.class),
                rs.getString("last_error"), rs.getString("process_instance_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static ExecutionView.ActionRef action(JsonNode action, String payload) {
        return new ExecutionView.ActionRef(text(action, "type"), text(action, "webhook"), text(action, "url"), payload,
                text(action, "job"), text(action, "jobVersion"), text(action, "queue"),
                text(action, "destinationProject"), action.get("config"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }
}
