package io.cascade.engine.automation;

import io.cascade.engine.action.AutomationAction;
import java.util.Map;
import java.util.HashMap;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.event.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Automation rows. Every write takes a new revision, which is how matchers on other nodes order changes. */
@Repository
class AutomationRepository {

    private static final Logger log = LoggerFactory.getLogger(AutomationRepository.class);

    private static final String COLUMNS = """
            id, team_id, project_id, name, description, enabled, event_type, collection, alias_pattern,
            action, revision, deleted, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AutomationRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Automation a) {
        jdbc.sql("""
                        insert into automations (id, team_id, project_id, name, live_name, description, enabled,
                        event_type, collection, alias_pattern, action_type, action_name, queue, action, revision,
                        created_at, updated_at)
                        values (:id, :team, :project, :name, :name, :description, :enabled, :eventType, :collection,
                        :aliasPattern, :actionType, :actionName, :queue, :action, :revision,
                        :now, :now)""")
                .param("id", a.id()).param("team", a.teamId()).param("project", a.projectId())
                .params(fields(a))
                .param("revision", nextRevision(0))
                .param("now", a.createdAt())
                .update();
    }

    void update(Automation a) {
        jdbc.sql("""
                        update automations set name = :name, live_name = :name, description = :description,
                        enabled = :enabled, event_type = :eventType, collection = :collection,
                        alias_pattern = :aliasPattern, action_type = :actionType, action_name = :actionName,
                        queue = :queue, action = :action, revision = :revision, updated_at = :now
                        where id = :id and deleted = false""")
                .param("id", a.id())
                .params(fields(a))
                .param("revision", nextRevision(currentRevision(a.id())))
                .param("now", a.updatedAt())
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("""
                        update automations set deleted = true, live_name = null,
                        revision = ?, updated_at = ? where id = ?""")
                .params(nextRevision(currentRevision(id)), OffsetDateTime.now(), id)
                .update();
    }

    /** Locks the row, so concurrent changes of one automation get increasing revisions. */
    private long currentRevision(UUID id) {
        return jdbc.sql("select revision from automations where id = ? for update").param(id).query(Long.class).single();
    }

    private static long nextRevision(long previous) {
        Instant now = Instant.now();
        return Math.max(previous + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
    }

    boolean nameTaken(UUID projectId, String name, UUID except) {
        return jdbc.sql("select count(*) from automations where project_id = ? and live_name = ? and id <> ?")
                .params(projectId, name, except).query(Long.class).single() > 0;
    }

    List<String> namesUsingAction(UUID teamId, String actionType, String actionName) {
        return jdbc.sql("""
                        select a.name from automations a where a.team_id = ? and a.deleted = false
                        and a.action_type = ? and a.action_name = ? order by a.name""")
                .params(teamId, actionType, actionName)
                .query(String.class).list();
    }

    List<String> namesUsingQueue(UUID teamId, String queue) {
        return jdbc.sql("""
                        select name from automations where team_id = ? and deleted = false
                        and action_type = 'QUEUE_JOB' and queue = ? order by name""")
                .params(teamId, queue).query(String.class).list();
    }

    Optional<Automation> find(UUID projectId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from automations where project_id = ? and id = ? and deleted = false")
                .params(projectId, id).query(this::map).optional();
    }

    List<Automation> list(UUID projectId) {
        return jdbc.sql("select " + COLUMNS + " from automations where project_id = ? and deleted = false order by name")
                .param(projectId).query(this::map).list();
    }

    List<Automation> live() {
        return jdbc.sql("select " + COLUMNS + " from automations where deleted = false").query(this::mapOrSkip).list()
                .stream().filter(Objects::nonNull).toList();
    }

    /** Rows changed at or after the instant, deleted ones included. */
    List<Automation> changedSince(OffsetDateTime since) {
        return jdbc.sql("select " + COLUMNS + " from automations where updated_at >= ?")
                .param(since).query(this::mapOrSkip).list().stream().filter(Objects::nonNull).toList();
    }

    private Map<String, Object> fields(Automation a) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", a.name());
        fields.put("description", a.description());
        fields.put("enabled", a.enabled());
        fields.put("eventType", a.event().type().name());
        fields.put("collection", a.event().collection());
        fields.put("aliasPattern", a.event().aliasPattern());
        fields.put("actionType", a.action().typeName());
        fields.put("actionName", a.action().actionName());
        fields.put("queue", a.action().queue());
        fields.put("action", write(a.action()));
        return fields;
    }

    private String write(AutomationAction action) {
        try {
            return json.writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an automation action", e);
        }
    }

    /**
     * For the matcher's loads: a row this node cannot read (say, written by a newer node during a
     * rolling upgrade) is logged and skipped rather than stopping every other automation's sync.
     */
    private Automation mapOrSkip(ResultSet rs, int row) throws SQLException {
        try {
            return map(rs, row);
        } catch (SQLException | IllegalArgumentException e) {
            log.error("automation {} cannot be read and is not matched: {}", rs.getString("id"), e.getMessage());
            return null;
        }
    }

    private Automation map(ResultSet rs, int row) throws SQLException {
        try {
            return new Automation(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                    rs.getObject("project_id", UUID.class), rs.getString("name"), rs.getString("description"),
                    rs.getBoolean("enabled"),
                    new AutomationTrigger(EventType.valueOf(rs.getString("event_type")), rs.getString("collection"),
                            rs.getString("alias_pattern")),
                    json.readValue(rs.getString("action"), AutomationAction.class),
                    rs.getLong("revision"), rs.getBoolean("deleted"),
                    rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable action of automation " + rs.getString("id"), e);
        }
    }
}
