package io.cascade.engine.automation;

import io.cascade.engine.common.Databases;
import io.cascade.engine.common.RetryLaterException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps "once a change or delete of an automation has answered, no event starts the old one".
 * An event takes its project's gate shared before it reads the automations it starts, and holds it
 * until its transaction ends; a change or delete takes the gate exclusive first. A change thus
 * waits for the events of its project that are already starting executions, and every event after
 * it reads what it wrote.
 * <p>
 * The gate is a PostgreSQL transaction-level advisory lock on the project. Unlike a row lock, its
 * waiters queue in order, so a change is not overtaken forever by a stream of events that keep
 * the row share-locked, and events take it without writing to any row. Being per project, one
 * team's changes never hold up another team's events. On any other database (H2, a single node for
 * development) the gate does nothing, so there the guarantee does not hold for requests that race
 * within milliseconds.
 * <p>
 * A change waits at most {@code cascade.automations.change-wait} (5 s by default) for the events
 * ahead of it. Past that it gives up, changes nothing and answers 503 with Retry-After, so that a
 * hung event holds up neither the change nor, for longer than that, the events queued behind it.
 */
@Component
public class AutomationChangeGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final boolean advisoryLocks;
    private final Duration changeWait;

    AutomationChangeGate(JdbcClient jdbc, DataSource dataSource,
                         @Value("${cascade.automations.change-wait:PT5S}") Duration changeWait) {
        this.jdbc = jdbc;
        this.advisoryLocks = Databases.isPostgreSql(dataSource);
        if (changeWait.toMillis() < 1) {
            // PostgreSQL reads a lock_timeout of 0 as no limit at all
            throw new IllegalArgumentException("cascade.automations.change-wait must be at least 1 ms, not " + changeWait);
        }
        this.changeWait = changeWait;
    }

    /** Called by an event, in its transaction, before it reads the automations it will start. */
    public void eventStarts(UUID projectId) {
        if (advisoryLocks) {
            jdbc.sql("select pg_advisory_xact_lock_shared(?)").param(key(projectId)).query().listOfRows();
        }
    }

    /** Called by a change or delete of an automation of the project, in its transaction, before anything else. */
    void changeStarts(UUID projectId) {
        if (!advisoryLocks) {
            return;
        }
        // the limit is for the gate alone: the change's later locks wait as they did before
        String previous = jdbc.sql("select current_setting('lock_timeout')").query(String.class).single();
        lockTimeout(changeWait.toMillis() + "ms");
        try {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(key(projectId)).query().listOfRows();
        } catch (DataAccessException e) {
            if (!lockTimedOut(e)) {
                throw e;
            }
            throw new RetryLaterException("events of this project are still starting executions after "
                    + changeWait.toMillis() + " ms; nothing was changed, try again", RETRY_AFTER);
        }
        lockTimeout(previous);
    }

    /** For the rest of this transaction. */
    private void lockTimeout(String timeout) {
        jdbc.sql("select set_config('lock_timeout', ?, true)").param(timeout).query().listOfRows();
    }

    /** PostgreSQL's lock_not_available (55P03), which Spring leaves uncategorised. */
    private static boolean lockTimedOut(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState());
    }

    /** Two projects may share a key: they then wait for each other's changes, nothing worse. */
    private static long key(UUID projectId) {
        return projectId.getMostSignificantBits() ^ projectId.getLeastSignificantBits();
    }
}
