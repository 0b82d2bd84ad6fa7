package io.cascade.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.camunda.SharedCommand;
import io.cascade.engine.common.BatchReads;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes queued events out of the inbox in batches: each batch is one transaction that locks its
 * rows (SKIP LOCKED, so threads and nodes share the inbox), matches and starts each event as a
 * synchronous request would ({@link EventBatches#acceptTogether}) and deletes the rows it wrote into
 * the event log. The batch's runs start in one Camunda command ({@link SharedCommand}), written in one
 * flush. Nothing queued is dropped: a batch in which any event is refused or fails is taken again one
 * event per transaction (a savepoint each, {@link EventBatches#accept}), so one bad event never holds
 * up the others, and an event that cannot be taken keeps its row with the error and is tried again
 * later (1 s, 2 s, 4 s … up to 5 minutes).
 */
public class InboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    private static final Duration FIRST_IDLE_WAIT = Duration.ofMillis(10);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final EventBatches batches;
    private final SharedCommand shared;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final IntakePriority intake;
    private final BatchReads reads;
    private final Settings settings;
    private final Gathering gathering;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private long wakeups;
    private volatile boolean running;
    private volatile boolean paused;
    private volatile boolean failing;

    /**
     * {@code batchSize}: events per transaction; {@code threads}: batches taken at once on this
     * node; {@code pollInterval}: the longest wait for events queued on another node; {@code gather}: the
     * least time between two partly filled batches ({@link Gathering}).
     */
    record Settings(int batchSize, int threads, Duration pollInterval, Duration gather, boolean paused) {
    }

    /** Events were queued on this node: take them once their transaction has committed. */
    record EventsQueued() {
    }

    InboxWorker(EventBatches batches, SharedCommand shared, JdbcClient jdbc, ObjectMapper json,
                PlatformTransactionManager transactions, IntakePriority intake, BatchReads reads, Settings settings) {
        this.reads = reads;
        this.batches = batches;
        this.shared = shared;
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
        this.intake = intake;
        this.settings = settings;
        this.paused = settings.paused();
        this.gathering = new Gathering(settings.gather(), settings.batchSize());
    }

    /** Takes no more batches (those under way finish); for tests and maintenance. */
    public void pause() {
        paused = true;
    }

    /** Takes batches again, at once. */
    public void resume() {
        paused = false;
        eventsQueued(new EventsQueued());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void eventsQueued(EventsQueued queued) {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    /**
     * One batch, in one transaction, or each of its events in one of its own when the batch as a
     * whole fails; the number of events taken.
     */
    int takeBatch() {
        List<Row> rows;
        try {
            // one Camunda command for the batch: its runs are written in one flush
            rows = transaction.execute(status -> shared.run(() -> reads.during(
                    () -> takeTogether(lockDue(settings.batchSize())))));
        } catch (RuntimeException batchFailed) {
            rows = transaction.execute(status -> lockDue(settings.batchSize()));
            if (rows == null || rows.isEmpty()) {
                return 0;
            }
            log.warn("event inbox: a batch of {} events failed ({}); taking them one at a time", rows.size(),
                    batchFailed.toString());
            for (Row row : rows) {
                takeAlone(row);
            }
        }
        return rows == null ? 0 : rows.size();
    }

    private void takeAlone(Row row) {
        try {
            transaction.executeWithoutResult(status -> takeOne(lockOne(row.id())));
        } catch (RuntimeException failed) {
            log.error("event inbox: event {} of team {} could not be taken; it stays queued", row.key(),
                    row.team().name(), failed);
            transaction.executeWithoutResult(status -> postpone(row, "not taken: internal error ("
                    + failed.getClass().getSimpleName() + "); see the server log"));
        }
    }

    /**
     * Every event of the batch, or none: anything that refuses or fails one throws. The batch reads
     * each automation, webhook and team's secret names once ({@link BatchReads}).
     */
    private List<Row> takeTogether(List<Row> rows) {
        Set<UUID> gated = new HashSet<>();
        for (Row row : rows) {
            batches.acceptTogether(new Caller(row.submittedBy(), false), row.team(), row.project(), event(row),
                    row.receivedAt(), gated);
        }
        if (!rows.isEmpty()) {
            jdbc.sql("delete from event_inbox where id in (:ids)").param("ids", rows.stream().map(Row::id).toList())
                    .update();
        }
        return rows;
    }

    /** The event alone, in its own transaction: a refusal keeps its row, with the reason, to be tried again later. */
    private void takeOne(List<Row> locked) {
        for (Row row : locked) { // none when another thread or node took it meanwhile
            EventBatches.Outcome outcome = batches.accept(new Caller(row.submittedBy(), false), row.team(),
                    row.project(), event(row), row.receivedAt(), new HashSet<>());
            if (outcome.refusal() == null) {
                jdbc.sql("delete from event_inbox where id = ?").param(row.id()).update();
            } else {
                postpone(row, outcome.refusal().getMessage());
            }
        }
    }

    private List<Row> lockDue(int limit) {
        return jdbc.sql("""
                        select id, team_id, team_name, project_id, project_name, event_key, event, submitted_by,
                        attempts, received_at from event_inbox where due_at <= ? order by due_at, id
                        fetch first %d rows only for update skip locked""".formatted(limit))
                .param(OffsetDateTime.now())
                .query(InboxWorker::row).list();
    }

    private List<Row> lockOne(UUID id) {
        return jdbc.sql("""
                        select id, team_id, team_name, project_id, project_name, event_key, event, submitted_by,
                        attempts, received_at from event_inbox where id = ? for update skip locked""")
                .param(id)
                .query(InboxWorker::row).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class),
                new Team(rs.getObject("team_id", UUID.class), rs.getString("team_name")),
                new Project(rs.getObject("project_id", UUID.class), rs.getObject("team_id", UUID.class),
                        rs.getString("project_name")),
                rs.getString("event_key"), rs.getString("event"), rs.getString("submitted_by"), rs.getInt("attempts"),
                rs.getObject("received_at", OffsetDateTime.class));
    }

    /** Tried again after 1 s, doubling with each attempt, up to 5 minutes. */
    private void postpone(Row row, String error) {
        int attempts = row.attempts() + 1;
        Duration delay = attempts >= 9 ? MAX_RETRY_DELAY : Duration.ofSeconds(1L << (attempts - 1));
        String message = error == null ? "not taken" : error;
        jdbc.sql("update event_inbox set attempts = ?, last_error = ?, due_at = ? where id = ?")
                .params(attempts, message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message,
                        OffsetDateTime.now().plus(delay), row.id())
                .update();
    }

    private ArtifactEvent event(Row row) {
        try {
            return json.readValue(row.event(), ArtifactEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable queued event " + row.id(), e);
        }
    }

    private void run() {
        Duration idle = FIRST_IDLE_WAIT;
        while (running) {
            long seen;
            synchronized (signal) {
                seen = wakeups;
            }
            int taken;
            try {
                intake.giveWay(); // events being received come first
                gathering.awaitTurn(); // events arriving one by one start a few at a time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                taken = paused ? 0 : takeBatch();
                gathering.taken(taken);
                if (failing) {
                    log.info("event inbox: taking events again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) { // one line per outage, not one per poll
                    log.warn("event inbox: could not take events, trying again every {}: {}", settings.pollInterval(),
                            e.toString());
                }
                failing = true;
                taken = 0;
                idle = settings.pollInterval();
            }
            if (taken >= settings.batchSize()) {
                idle = FIRST_IDLE_WAIT;
                continue; // more may be waiting
            }
            try {
                synchronized (signal) {
                    if (wakeups == seen && running) {
                        signal.wait(Math.max(1, (taken > 0 ? FIRST_IDLE_WAIT : idle).toMillis()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            idle = taken > 0 ? FIRST_IDLE_WAIT
                    : idle.multipliedBy(2).compareTo(settings.pollInterval()) > 0 ? settings.pollInterval()
                    : idle.multipliedBy(2);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 1; i <= settings.threads(); i++) {
            Thread thread = new Thread(this::run, "cascade-inbox-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Lets each thread finish its batch (a batch cut short rolls back and stays queued). */
    @Override
    public void stop() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the process engine and the connection pool. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    private record Row(UUID id, Team team, Project project, String key, String event, String submittedBy,
                       int attempts, OffsetDateTime receivedAt) {
    }
}
