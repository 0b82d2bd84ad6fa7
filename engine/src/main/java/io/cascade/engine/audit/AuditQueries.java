package io.cascade.engine.audit;

import io.cascade.engine.common.Cursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.team.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a team's audit log (or the changes outside teams), newest first, one indexed range per page. */
@Component
public class AuditQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public AuditPage list(Team team, AuditFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("team", team.id());
        return page(new StringBuilder("select * from audit_log where team_id = :team"), params, filter);
    }

    /** Changes that belong to no team: personal tokens. */
    public AuditPage listOutsideTeams(AuditFilter filter) {
        return page(new StringBuilder("select * from audit_log where team_id is null"), new HashMap<>(), filter);
    }

    private AuditPage page(StringBuilder sql, Map<String, Object> params, AuditFilter filter) {
        params.put("limit", filter.limit() + 1);
        condition(sql, params, " and resource_type = :type", "type", filter.resourceType());
        condition(sql, params, " and action = :action", "action", filter.action());
        condition(sql, params, " and actor = :actor", "actor", filter.actor());
        condition(sql, params, " and at >= :from", "from", filter.from());
        condition(sql, params, " and at < :to", "to", filter.to());
        if (filter.cursor() != null) {
            sql.append(" and (at < :cursorAt or (at = :cursorAt and id < :cursorId))");
            params.put("cursorAt", filter.cursor().at());
            params.put("cursorId", filter.cursor().id());
        }
        sql.append(" order by at desc, id desc limit :limit");
        List<AuditEntry> rows = jdbc.sql(sql.toString()).params(params).query(this::map).list();
        if (rows.size() <= filter.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, filter.limit());
        AuditEntry last = page.get(page.size() - 1);
        return new AuditPage(List.copyOf(page), new Cursor(last.at(), last.id()).encode());
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String clause, String name,
                                  Object value) {
        if (value != null) {
            sql.append(clause);
            params.put(name, value);
        }
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getObject("at", OffsetDateTime.class),
                rs.getString("actor"), rs.getObject("actor_token", UUID.class), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getString("action"), read(rs.getString("before_state")),
                read(rs.getString("after_state")));
    }

    private JsonNode read(String state) {
        if (state == null) {
            return null;
        }
        try {
            return json.readTree(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the audit log holds a state that is not JSON", e);
        }
    }
}
