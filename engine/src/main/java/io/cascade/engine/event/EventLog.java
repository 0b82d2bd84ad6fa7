package io.cascade.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The event feature's API over its table: the event as submitted, and the response it got
 * (replayed for a repeated id). Other features read events through it, never the table.
 */
@Repository
public class EventLog {

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    EventLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * {@code submittedBy} is the authenticated account (user or token), beside the author the client
     * names; {@code acceptedAt} when the API accepted it.
     */
    public void insert(UUID id, UUID teamId, UUID projectId, ArtifactEvent event, String submittedBy, String response,
                       OffsetDateTime acceptedAt) {
        jdbc.sql("""
                        insert into events (id, team_id, project_id, event_key, event_type, author, submitted_by,
                        collection, alias, artifact_id, artifact_version, artifact_type, metadata, response, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, teamId, projectId, event.id(), event.type().name(), event.author(), submittedBy,
                        event.collection(),
                        event.alias(), event.artifact().id(), event.artifact().version(), event.artifact().type(),
                        write(event.artifact().metadata()), response, acceptedAt)
                .update();
    }

    public Optional<String> findResponse(UUID teamId, String key) {
        return jdbc.sql("select response from events where team_id = ? and event_key = ?")
                .params(teamId, key).query(String.class).optional();
    }

    /** The event as its payload variables need it, with team and project names. */
    public ArtifactEvent load(UUID id) {
        return jdbc.sql("""
                        select e.*, t.name as team_name, p.name as project_name from events e
                        join teams t on t.id = e.team_id join projects p on p.id = e.project_id where e.id = ?""")
                .param(id).query(this::map).single();
    }

    /** The events of these ids that exist, in one read; by id. */
    public Map<UUID, ArtifactEvent> loadAll(Collection<UUID> ids) {
        Map<UUID, ArtifactEvent> events = new HashMap<>();
        if (ids.isEmpty()) {
            return events;
        }
        jdbc.sql("""
                        select e.*, t.name as team_name, p.name as project_name from events e
                        join teams t on t.id = e.team_id join projects p on p.id = e.project_id where e.id in (:ids)""")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    events.put(rs.getObject("id", UUID.class), map(rs, 0));
                });
        return events;
    }

    /**
     * Up to {@code limit} events created before {@code before}, oldest first, after {@code after}
     * (null: from the oldest), locked until the caller's transaction ends.
     */
    public List<Stamp> createdBefore(OffsetDateTime before, Stamp after, int limit) {
        // a row comparison, so both ends are the index's range (events_by_created): spelled out as
        // "created_at > ? or (created_at = ? and id > ?)" it is a filter, and each batch reads again
        // every entry of the events removed before it
        String from = after == null ? "" : " and (created_at, id) > (?, ?)";
        var query = jdbc.sql("select id, created_at from events where created_at < ?" + from
                        + " order by created_at, id fetch first " + limit + " rows only for update")
                .param(before);
        if (after != null) {
            query = query.param(after.createdAt()).param(after.id());
        }
        return query.query((rs, n) -> new Stamp(rs.getObject("id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class))).list();
    }

    /** Deletes the events; their executions must be gone already. */
    public int delete(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from events where id in (:ids)").param("ids", ids).update();
    }

    /** Where an event sits in creation order. */
    public record Stamp(UUID id, OffsetDateTime createdAt) {
    }

    private ArtifactEvent map(ResultSet rs, int row) throws SQLException {
        try {
            String metadata = rs.getString("metadata");
            return new ArtifactEvent(rs.getString("event_key"), EventType.valueOf(rs.getString("event_type")),
                    rs.getString("team_name"), rs.getString("project_name"), rs.getString("author"),
                    rs.getString("collection"),
                    new Artifact(rs.getString("artifact_id"), rs.getString("artifact_version"),
                            rs.getString("artifact_type"), metadata == null ? Map.of() : json.readValue(metadata, METADATA)),
                    rs.getString("alias"));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable metadata of event " + rs.getString("id"), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
