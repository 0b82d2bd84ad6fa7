package io.cascade.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Databases;
import io.cascade.engine.common.Ids;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.execution.ExecutionRef;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events accepted before they are matched ({@code Prefer: respond-async}): each is authorized and
 * checked as {@link EventService#submit} does it, then committed to the inbox, and answered 202
 * with no executions yet. The {@link InboxWorker} matches and starts them in batches, exactly as a
 * synchronous request would, and {@link #status} says where an event is. Idempotent by id like the
 * synchronous path: an id already accepted (in the inbox or in the event log) replays.
 */
@Service
public class EventInbox {

    /** The most single events one commit takes (a JDBC batch of their inserts). */
    static final int MAX_GROUP = 64;

    private final TeamAccess access;
    private final EventLog events;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher publisher;
    private final EventService answers;
    private final String insert;
    private final GroupedInserts groupedInserts;

    EventInbox(TeamAccess access, EventLog events, JdbcClient jdbc, ObjectMapper json,
               ApplicationEventPublisher publisher, DataSource dataSource, EventService answers,
               PlatformTransactionManager transactions) {
        this.access = access;
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
        this.answers = answers;
        // An id already queued or already matched (in the event log) is not queued again: the one
        // statement decides, and only an id seen before costs a read of its earlier answer. An id
        // queued twice at once: PostgreSQL keeps one without an error (which would abort a batch's
        // transaction); H2 (the default profile's), which has no ON CONFLICT, answers a duplicate key.
        this.insert = """
                insert into event_inbox (id, team_id, team_name, project_id, project_name, event_key, event,
                submitted_by, received_at, due_at) select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from event_inbox where team_id = ? and event_key = ?)
                and not exists (select 1 from events where team_id = ? and event_key = ?)"""
                + (Databases.isPostgreSql(dataSource) ? " on conflict (team_id, event_key) do nothing" : "");
        this.groupedInserts = new GroupedInserts(insert, new JdbcTemplate(dataSource), transactions, MAX_GROUP,
                "cascade-inbox-commit");
    }

    /** Stops committing single events: those no group has taken yet are answered 503, with nothing written. */
    @PreDestroy
    void close() {
        groupedInserts.close();
    }

    /**
     * Committed before it returns; a refusal (team, project, id) throws and leaves nothing. No
     * transaction of its own: one read checks the caller, team and project, and the one insert that
     * queues the event commits with those of other requests arriving meanwhile ({@link GroupedInserts}).
     */
    public Queued enqueue(Caller caller, ArtifactEvent event, String idempotencyKey) {
        TeamAccess.WithProject place = access.requireWithProject(caller, event.entity(), event.project(),
                TeamRole.MEMBER);
        Project project = ProjectService.known(place.team(), event.project(), place.projectId());
        ArtifactEvent keyed = event.withId(EventService.key(event.id(), idempotencyKey));
        Queued queued = queued(place.team(), keyed, insertCounting(() -> groupedInserts.insert(
                insertParameters(caller, place.team(), project, keyed))));
        announce(queued);
        return queued;
    }

    /**
     * The batch's events, authorized and keyed by the caller (see {@link EventBatches}), into the
     * inbox in the caller's transaction.
     */
    Queued enqueue(Caller caller, Team team, Project project, ArtifactEvent keyed) {
        return queued(team, keyed, insertCounting(() -> jdbc.sql(insert)
                .params(insertParameters(caller, team, project, keyed)).update()));
    }

    private Object[] insertParameters(Caller caller, Team team, Project project, ArtifactEvent keyed) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Object[] {Ids.timeOrdered(), team.id(), team.name(), project.id(), project.name(), keyed.id(),
                write(keyed), caller.username(), now, now, team.id(), keyed.id(), team.id(), keyed.id()};
    }

    /** The rows the insert wrote: 0 when the id was queued or accepted before. */
    private static int insertCounting(IntSupplier insert) {
        try {
            return insert.getAsInt();
        } catch (DuplicateKeyException raced) {
            return 0; // H2 only: queued by a concurrent request a moment ago
        }
    }

    /** The answer to an insert: queued now, or the answer to the id seen before. */
    private Queued queued(Team team, ArtifactEvent keyed, int inserted) {
        if (inserted == 1) {
            return new Queued(keyed.id(), Status.QUEUED, false, List.of());
        }
        return events.findResponse(team.id(), keyed.id())
                .map(earlier -> new Queued(keyed.id(), Status.ACCEPTED, true, answers.read(earlier).executions()))
                .orElseGet(() -> new Queued(keyed.id(), Status.QUEUED, true, List.of()));
    }

    /** Wakes this node's worker once the transaction that queued events has committed. */
    void announce(Queued queued) {
        if (!queued.replay()) {
            publisher.publishEvent(new InboxWorker.EventsQueued());
        }
    }

    /**
     * Where the team's event with this id is: still queued (with the last error, if taking it
     * failed), or accepted with the executions it started. Another team's id is not found.
     */
    @Transactional(readOnly = true)
    public EventStatus status(Caller caller, String teamName, String id) {
        Team team = access.require(caller, teamName, TeamRole.VIEWER);
        Optional<String> answer = events.findResponse(team.id(), id);
        if (answer.isPresent()) {
            return EventStatus.accepted(answers.read(answer.get()));
        }
        return jdbc.sql("""
                        select received_at, attempts, last_error, due_at from event_inbox
                        where team_id = ? and event_key = ?""")
                .params(team.id(), id)
                .query((rs, n) -> EventStatus.queued(id, rs.getObject("received_at", OffsetDateTime.class),
                        rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getInt("attempts") == 0 ? null : rs.getObject("due_at", OffsetDateTime.class)))
                .optional()
                .orElseThrow(() -> new NotFoundException("no event " + id + " in team " + teamName));
    }

    /** How many events wait in the inbox (all teams). */
    public long depth() {
        return jdbc.sql("select count(*) from event_inbox").query(Long.class).single();
    }

    private String write(ArtifactEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an event is: waiting in the inbox, or matched and its executions started. */
    public enum Status { QUEUED, ACCEPTED }

    /**
     * The answer to a queued event: {@code replay} when the id was seen before; the executions of
     * an event already matched (none while it is queued).
     */
    public record Queued(String id, Status status, boolean replay, List<ExecutionRef> executions) {
    }

    /** An event's state, for GET /api/v1/events/{id}. */
    public record EventStatus(String id, Status status, List<ExecutionRef> executions,
                              OffsetDateTime receivedAt, int attempts, String lastError, OffsetDateTime nextAttemptAt) {

        static EventStatus accepted(SubmittedEvent event) {
            return new EventStatus(event.id(), Status.ACCEPTED, new ArrayList<>(event.executions()), null, 0, null, null);
        }

        static EventStatus queued(String id, OffsetDateTime receivedAt, int attempts, String lastError,
                                  OffsetDateTime nextAttemptAt) {
            return new EventStatus(id, Status.QUEUED, List.of(), receivedAt, attempts, lastError, nextAttemptAt);
        }
    }
}
