package io.cascade.api.problem;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Whether PostgreSQL answers, as this node last saw it. Once a request failed because the database
 * is out of reach, the requests it would serve are answered 503 at once, instead of each holding a
 * request thread for the pool's whole connection timeout (30 s): those threads piled up, and after
 * the database came back the queue behind them kept the API away for long after. Meanwhile a probe
 * on a connection of its own, outside the pool, asks every half second; its first answer opens the
 * API again. The job executor is not gated: its threads wait on the pool as before.
 */
@Component
class DatabaseAvailability {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final String url;
    private final String username;
    private final String password;
    /** System.nanoTime() when the database was found out of reach; 0 while it answers. */
    private final AtomicLong unreachableSince = new AtomicLong();
    private volatile Thread probe;

    @Autowired
    DatabaseAvailability(DataSourceProperties dataSource) {
        this(dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword());
    }

    DatabaseAvailability(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** True while the database is known to be out of reach: answer 503 without trying it. */
    boolean unreachable() {
        return unreachableSince.get() != 0;
    }

    /**
     * Does the database being out of reach explain this failure? Either the failure says so itself,
     * or it is a connection the pool had already closed (a commit failed on a dropped connection and
     * the rollback found it closed, hiding why) and the database does not answer a probe now.
     * When it does, requests are answered 503 at once until a probe gets an answer.
     */
    boolean explains(Throwable failure) {
        boolean unreachable = DatabaseUnavailable.causedBy(failure)
                || DatabaseUnavailable.closedConnection(failure) && !answers();
        if (unreachable && unreachableSince.compareAndSet(0, System.nanoTime())) {
            log.warn("database unreachable ({}): requests answer 503 until it answers a probe (every {} ms)",
                    DatabaseUnavailable.reason(failure), PROBE_INTERVAL.toMillis());
            Thread next = new Thread(this::probeUntilItAnswers, "database-probe");
            next.setDaemon(true);
            probe = next;
            next.start();
        }
        return unreachable;
    }

    private void probeUntilItAnswers() {
        try {
            do {
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } while (!answers());
            long since = unreachableSince.getAndSet(0);
            log.info("database answers again; requests served again after {} ms",
                    Duration.ofNanos(System.nanoTime() - since).toMillis());
        } catch (InterruptedException e) {
            unreachableSince.set(0); // never leave the API closed with nobody to open it
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        Thread running = probe;
        if (running != null) {
            running.interrupt();
        }
    }

    /** A new connection, outside the pool, that answers a validity check within 2 s. */
    boolean answers() {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
