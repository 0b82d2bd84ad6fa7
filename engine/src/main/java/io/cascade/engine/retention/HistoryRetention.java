package io.cascade.engine.retention;

import io.cascade.engine.common.Databases;
import io.cascade.engine.common.Periodic;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.execution.ExecutionRetention;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes Cascade's own history older than cascade.history.retention: events, with all their
 * executions and attempts, oldest first. Each batch is one short transaction of at most
 * cascade.history.cleanup-batch-size events, so ingest (which writes new rows only) never waits on
 * it for long. An event with a run still PENDING or RUNNING is kept whole, however old. On
 * PostgreSQL one node at a time cleans (an advisory lock); the others skip their turn.
 */
@Component
public class HistoryRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
    /** pg_try_advisory_xact_lock(int, int): ('CASC', 1) is the cleanup's, apart from the one-key locks elsewhere. */
    private static final int LOCK_CLASS = 0x43415343;
    private static final int LOCK_CLEANUP = 1;
    private static final int MAX_BATCH_SIZE = 10_000;

    private final EventLog events;
    private final ExecutionRetention executions;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final boolean advisoryLocks;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private final Periodic scheduler = new Periodic("cascade-history-retention");

    HistoryRetention(EventLog events, ExecutionRetention executions, JdbcClient jdbc, DataSource dataSource,
                     PlatformTransactionManager transactions,
                     @Value("${cascade.history.retention:P30D}") Duration retention,
                     @Value("${cascade.history.cleanup-interval:PT5M}") Duration interval,
                     @Value("${cascade.history.cleanup-batch-size:1000}") int batchSize) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("cascade.history.retention must be positive, not " + retention);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            // each event id is a bind parameter, and drivers take tens of thousands at most
            throw new IllegalArgumentException("cascade.history.cleanup-batch-size must be from 1 to " + MAX_BATCH_SIZE
                    + ", not " + batchSize);
        }
        this.events = events;
        this.executions = executions;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.advisoryLocks = Databases.isPostgreSql(dataSource);
        this.retention = retention;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    /** One pass: batches until no event older than the retention is left to look at. */
    public Removed removeExpired() {
        OffsetDateTime before = OffsetDateTime.now().minus(retention);
        Removed total = new Removed(0, 0);
        EventLog.Stamp after = null;
        while (true) {
            Batch batch = removeBatch(before, after);
            total = total.plus(batch.removed());
            if (batch.last() == null || batch.looked() < batchSize) {
                return total;
            }
            after = batch.last();
        }
    }

    /**
     * One transaction: the next {@code batchSize} events created before {@code before} (after
     * {@code after}), each removed with its executions and attempts unless one of its runs is still
     * going. Nothing, when another node holds the cleanup lock.
     */
    public Batch removeBatch(OffsetDateTime before, EventLog.Stamp after) {
        return transaction.execute(status -> {
            if (advisoryLocks && !Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?, ?)")
                    .params(LOCK_CLASS, LOCK_CLEANUP).query(Boolean.class).single())) {
                return new Batch(0, null, new Removed(0, 0));
            }
            List<EventLog.Stamp> old = events.createdBefore(before, after, batchSize);
            if (old.isEmpty()) {
                return new Batch(0, null, new Removed(0, 0));
            }
            List<UUID> ids = old.stream().map(EventLog.Stamp::id).toList();
            Set<UUID> running = executions.eventsStillRunning(ids);
            List<UUID> done = ids.stream().filter(id -> !running.contains(id)).toList();
            int rows = executions.deleteOfEvents(done);
            int removedEvents = events.delete(done);
            return new Batch(old.size(), old.get(old.size() - 1), new Removed(removedEvents, rows + removedEvents));
        });
    }

    /** Events removed, and rows removed in all (events, executions and attempts). */
    public record Removed(long events, long rows) {

        Removed plus(Removed other) {
            return new Removed(events + other.events, rows + other.rows);
        }
    }

    /** How many events one batch looked at, the last of them (null: none), and what it removed. */
    public record Batch(int looked, EventLog.Stamp last, Removed removed) {
    }

    private void scheduledPass() {
        try {
            Removed removed = removeExpired();
            if (removed.events() > 0) {
                log.info("history retention removed {} event(s), {} row(s) in all", removed.events(), removed.rows());
            }
        } catch (RuntimeException e) {
            log.warn("history retention failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        scheduler.start(interval, interval, this::scheduledPass);
    }

    @Override
    public void stop() {
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return scheduler.isRunning();
    }
}
