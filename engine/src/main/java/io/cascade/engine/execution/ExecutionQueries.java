package io.cascade.engine.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.common.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads execution history. Lists use keyset pagination on (created_at, id) over an index, so a
 * page costs the same however long the history is.
 */
@Component
public class ExecutionQueries {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SELECT = """
            select x.*, t.name as team_name, p.name as project_name, e.event_key, e.event_type, e.author,
            e.collection, e.alias, e.artifact_id, e.artifact_version, e.artifact_type, e.metadata,
            e.created_at as event_created_at
            from executions x join teams t on t.id = x.team_id join projects p on p.id = x.project_id
            join events e on e.id = x.event_id""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ExecutionQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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

    public ExecutionPage list(UUID projectId, ExecutionFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT).append(" where x.project_id = :project");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        if (filter.automationId() != null) {
            sql.append(" and x.automation_id = :automation");
            params.put("automation", filter.automationId());
        }
        if (filter.status() != null) {
            sql.append(" and x.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.from() != null) {
            sql.append(" and x.created_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and x.created_at < :to");
            params.put("to", filter.to());
        }
        if (filter.cursor() != null) {
            sql.append(" and (x.created_at < :cursorAt or (x.created_at = :cursorAt and x.id < :cursorId))");
            params.put("cursorAt", filter.cursor().createdAt());
            params.put("cursorId", filter.cursor().id());
        }
        sql.append(" order by x.created_at desc, x.id desc limit ").append(filter.limit() + 1);
        List<ExecutionView> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(this::map).list());
        String next = null;
        if (rows.size() > filter.limit()) {
            rows.remove(rows.size() - 1);
            ExecutionView last = rows.get(rows.size() - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        return new ExecutionPage(rows, next);
    }

    public Optional<ExecutionStatus> status(UUID executionId) {
        return jdbc.sql("select status from executions where id = ?").param(executionId).query(String.class)
                .optional().map(ExecutionStatus::valueOf);
    }

    private List<Attempt> attempts(UUID executionId) {
        return jdbc.sql("""
                        select number, started_at, duration_ms, response_status, response_body, error
                        from execution_attempts where execution_id = ? order by number""")
                .param(executionId)
                .query((rs, n) -> new Attempt(rs.getInt(1), rs.getObject(2, OffsetDateTime.class), rs.getLong(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    private static ExecutionView withAttempts(ExecutionView v, List<Attempt> attempts) {
        return new ExecutionView(v.id(), v.team(), v.project(), v.status(), v.automation(), v.event(), v.action(),
                v.attemptCount(), attempts, v.lastError(), v.processInstanceId(), v.createdAt(), v.updatedAt());
    }

    private ExecutionView map(ResultSet rs, int row) throws SQLException {
        WebhookSnapshot action = read(rs.getString("action"), WebhookSnapshot.class);
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("id", rs.getString("artifact_id"));
        artifact.put("version", rs.getString("artifact_version"));
        artifact.put("type", rs.getString("artifact_type"));
        String metadata = rs.getString("metadata");
        artifact.put("metadata", metadata == null ? Map.of() : read(metadata, MAP));
        return new ExecutionView(rs.getObject("id", UUID.class), rs.getString("team_name"), rs.getString("project_name"),
                rs.getString("status"),
                new ExecutionView.AutomationRef(rs.getObject("automation_id", UUID.class), rs.getString("automation_name")),
                new ExecutionView.EventRef(rs.getString("event_key"), rs.getString("event_type"), rs.getString("author"),
                        rs.getString("collection"), rs.getString("alias"), artifact,
                        rs.getObject("event_created_at", OffsetDateTime.class)),
                new ExecutionView.ActionRef(action.type(), action.webhook(), action.url(), rs.getString("payload")),
                rs.getInt("attempts"), List.of(), rs.getString("last_error"), rs.getString("process_instance_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
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
