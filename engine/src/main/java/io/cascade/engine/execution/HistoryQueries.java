package io.cascade.engine.execution;

import io.cascade.engine.common.Cursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.camunda.ProcessProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The history lists of a team or a project. Every filter is a column of executions with an index
 * that keeps the newest-first order (see docs/benchmarks.md), and keyset paging on (created_at, id)
 * makes a page cost the same however long the history is.
 */
@Component
public class HistoryQueries {

    private static final String SELECT = """
            select x.id, x.created_at, x.status, x.automation_id, x.automation_name, x.event_type, x.collection,
            x.author, e.artifact_version, e.alias, x.action, x.attempts, x.last_response_status, x.last_error,
            x.process_instance_id, p.name as project_name
            from executions x join events e on e.id = x.event_id join projects p on p.id = x.project_id
            where x.team_id = :team""";
    private static final String LOCKED = ProcessProgress.lockedByAgent("x.process_instance_id");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ProcessProgress progress;

    HistoryQueries(JdbcClient jdbc, ObjectMapper json, ProcessProgress progress) {
        this.jdbc = jdbc;
        this.json = json;
        this.progress = progress;
    }

    public HistoryPage list(UUID teamId, HistoryFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new HashMap<>();
        params.put("team", teamId);
        if (filter.projectId() != null) {
            sql.append(" and x.project_id = :project");
            params.put("project", filter.projectId());
        }
        if (filter.automationId() != null) {
            sql.append(" and x.automation_id = :automation");
            params.put("automation", filter.automationId());
        }
        if (filter.status() != null) {
            appendStatus(sql, params, filter.status());
        }
        if (filter.eventType() != null) {
            sql.append(" and x.event_type = '").append(filter.eventType().name()).append("'");
        }
        if (filter.from() != null) {
            sql.append(" and x.created_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and x.created_at < :to");
            params.put("to", filter.to());
        }
        if (filter.text() != null) {
            sql.append(" and (lower(x.collection) like :text escape '\\' or lower(x.author) like :text escape '\\')");
            params.put("text", filter.textPrefix());
        }
        if (filter.cursor() != null) {
            // the first bound alone lets the index start at the cursor instead of skipping the pages before it
            sql.append(" and x.created_at <= :cursorAt"
                    + " and (x.created_at < :cursorAt or (x.created_at = :cursorAt and x.id < :cursorId))");
            params.put("cursorAt", filter.cursor().at());
            params.put("cursorId", filter.cursor().id());
        }
        sql.append(" order by x.created_at desc, x.id desc limit ").append(filter.limit() + 1);
        List<HistoryItem> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(this::map).list());
        String next = null;
        if (rows.size() > filter.limit()) {
            rows.remove(rows.size() - 1);
            HistoryItem last = rows.get(rows.size() - 1);
            next = new Cursor(last.time(), last.id()).encode();
        }
        return new HistoryPage(withProgress(rows), next);
    }

    /** A launch an agent holds is RUNNING; a delivery waiting for its retry shows when that is due. */
    private List<HistoryItem> withProgress(List<HistoryItem> rows) {
        List<HistoryItem> inFlight = rows.stream().filter(HistoryQueries::inFlight).toList();
        if (inFlight.isEmpty()) {
            return rows;
        }
        Map<String, ProcessProgress.Progress> known = progress.of(
                inFlight.stream().map(HistoryItem::processInstanceId).toList());
        return rows.stream().map(row -> {
            ProcessProgress.Progress state = inFlight(row) ? known.get(row.processInstanceId()) : null;
            if (state == null) {
                return row;
            }
            boolean taken = state.lockedByAgent() && ExecutionStatus.PENDING.name().equals(row.status());
            return row.withProgress(taken ? ExecutionStatus.RUNNING.name() : row.status(), state.nextAttemptAt());
        }).toList();
    }

    private static boolean inFlight(HistoryItem row) {
        return row.processInstanceId() != null && (ExecutionStatus.PENDING.name().equals(row.status())
                || ExecutionStatus.RUNNING.name().equals(row.status()));
    }

    /**
     * Status and event type are written into the SQL (they are enum names, never user text): a
     * prepared statement's generic plan then still knows how rare a status is and picks its index.
     */
    private static void appendStatus(StringBuilder sql, Map<String, Object> params, ExecutionStatus status) {
        switch (status) {
            case PENDING -> {
                sql.append(" and x.status = 'PENDING' and not ").append(LOCKED);
                params.put("now", ProcessProgress.now());
            }
            case RUNNING -> {
                sql.append(" and (x.status = 'RUNNING' or (x.status = 'PENDING' and ").append(LOCKED).append("))");
                params.put("now", ProcessProgress.now());
            }
            default -> sql.append(" and x.status = '").append(status.name()).append("'");
        }
    }

    private HistoryItem map(ResultSet rs, int row) throws SQLException {
        JsonNode action = read(rs.getString("action"));
        return new HistoryItem(rs.getObject("id", UUID.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getString("project_name"), rs.getString("status"),
                new ExecutionView.AutomationRef(rs.getObject("automation_id", UUID.class),
                        rs.getString("automation_name")),
                new HistoryItem.Event(rs.getString("event_type"), rs.getString("collection"),
                        rs.getString("artifact_version"), rs.getString("alias"), rs.getString("author")),
                new HistoryItem.Action(text(action, "type"), text(action, "webhook"), text(action, "url"),
                        text(action, "job"), text(action, "jobVersion"), text(action, "queue")),
                rs.getInt("attempts"), null, (Integer) rs.getObject("last_response_status"),
                rs.getString("last_error"), rs.getString("process_instance_id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored action", e);
        }
    }
}
