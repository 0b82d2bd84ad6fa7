package io.cascade.engine.execution;

import io.cascade.engine.metrics.CascadeMetrics;
import io.cascade.engine.metrics.DeliveryOutcome;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes attempts and status changes in their own transaction: a failed attempt makes Camunda
 * roll back the job's transaction (to schedule the retry), and its record must survive that.
 * An attempt costs two short transactions of up to four statements each: {@link #started} before the
 * request leaves, {@link #record} once it is answered; attempts can be started together
 * ({@link #startedAll}), and a delivered one can be recorded in the transaction that ends its run
 * instead ({@link #recordWithin}). Each status change also appends what it does
 * to the overview's counts ({@link OverviewChanges}), in the same transaction.
 */
@Component
public class ExecutionRecorder {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);

    static final int MAX_BODY = 4096;
    /** The key of {@link #recordedWithin}'s transaction resource. */
    private static final Object RECORDED_WITHIN = new Object();

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate ownTransaction;
    private final CascadeMetrics metrics;
    private final OverviewChanges overview;

    ExecutionRecorder(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions,
                      CascadeMetrics metrics, OverviewChanges overview) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.metrics = metrics;
        this.overview = overview;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records that an attempt is about to send its request, committed before the request leaves, so
     * that a node stopping before the answer is recorded leaves an attempt of unknown outcome rather
     * than silence. From here on the execution is RUNNING and counts the attempt. Returns its number.
     */
    public int started(UUID executionId, OffsetDateTime startedAt) {
        Integer number = ownTransaction.execute(tx -> {
            OverviewChanges.Counted before = overview.lock(executionId);
            // counts the attempt and reads the count back (RETURNING on PostgreSQL)
            GeneratedKeyHolder counted = new GeneratedKeyHolder();
            jdbc.sql("update executions set attempts = attempts + 1, status = ?, updated_at = ? where id = ?")
                    .params(ExecutionStatus.RUNNING.name(), OffsetDateTime.now(), executionId)
                    .update(counted, "attempts");
            overview.changed(before, ExecutionStatus.RUNNING, null);
            int next = ((Number) counted.getKeys().get("attempts")).intValue();
            jdbc.sql("insert into execution_attempts (id, execution_id, number, started_at) values (?, ?, ?, ?)")
                    .params(UUID.randomUUID(), executionId, next, startedAt)
                    .update();
            return next;
        });
        return number == null ? 0 : number;
    }

    /**
     * {@link #started} for the attempts of several executions (each at most once), in one transaction
     * of five statements however many there are. Returns each execution's attempt number.
     */
    public Map<UUID, Integer> startedAll(Map<UUID, OffsetDateTime> attempts) {
        List<UUID> ids = List.copyOf(attempts.keySet());
        return ownTransaction.execute(tx -> {
            Map<UUID, OverviewChanges.Counted> before = overview.lockAll(ids);
            String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
            List<Object> params = new ArrayList<>(List.of(ExecutionStatus.RUNNING.name(), OffsetDateTime.now()));
            params.addAll(ids);
            jdbc.sql("update executions set attempts = attempts + 1, status = ?, updated_at = ? where id in (" + in + ")")
                    .params(params).update();
            Map<UUID, Integer> numbers = new LinkedHashMap<>();
            jdbc.sql("select id, attempts from executions where id in (" + in + ")").params(ids)
                    .query(rs -> {
                        numbers.put(rs.getObject("id", UUID.class), rs.getInt("attempts"));
                    });
            overview.changedAll(before.values(), ExecutionStatus.RUNNING);
            List<Object[]> rows = new ArrayList<>();
            numbers.forEach((id, number) -> rows.add(new Object[] {UUID.randomUUID(), id, number, attempts.get(id)}));
            jdbcTemplate.batchUpdate("insert into execution_attempts (id, execution_id, number, started_at) values (?, ?, ?, ?)",
                    rows);
            return numbers;
        });
    }

    /**
     * Completes the {@link #started} attempt of the given number with its answer, and sets the status
     * it leads to; returns the attempt's number. Every webhook attempt passes here or through
     * {@link #recordWithin}, so this is where deliveries are counted.
     */
    public int record(UUID executionId, Attempt attempt, ExecutionStatus status) {
        OffsetDateTime createdAt = ownTransaction.execute(tx -> write(executionId, attempt, status));
        counted(attempt, status, createdAt);
        return attempt.number();
    }

    /**
     * {@link #record} in the caller's transaction, which must exist: for a caller that ends the run in the
     * same transaction, so that one commit serves both. The delivery is counted once that commits.
     */
    public void recordWithin(UUID executionId, Attempt attempt, ExecutionStatus status) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("recordWithin needs the caller's transaction");
        }
        OffsetDateTime createdAt = write(executionId, attempt, status);
        recordedWithin().put(executionId, status);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    counted(attempt, status, createdAt);
                } catch (RuntimeException e) {
                    // committed: a metric that fails must not make the caller think the record did
                    log.warn("could not count the delivery of execution {}: {}", executionId, e.toString());
                }
            }
        });
    }

    /** What {@link #recordWithin} wrote in the current transaction: execution and the status it set. */
    @SuppressWarnings("unchecked")
    private static Map<UUID, ExecutionStatus> recordedWithin() {
        Map<UUID, ExecutionStatus> recorded =
                (Map<UUID, ExecutionStatus>) TransactionSynchronizationManager.getResource(RECORDED_WITHIN);
        if (recorded == null) {
            Map<UUID, ExecutionStatus> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RECORDED_WITHIN, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RECORDED_WITHIN);
                }
            });
            return created;
        }
        return recorded;
    }

    /** Returns when the execution was created. */
    private OffsetDateTime write(UUID executionId, Attempt attempt, ExecutionStatus status) {
        OverviewChanges.Counted before = overview.lock(executionId);
        jdbc.sql("""
                        update execution_attempts set duration_ms = ?, response_status = ?, response_body = ?,
                        error = ? where execution_id = ? and number = ?""")
                .params(attempt.durationMs(), attempt.responseStatus(), cut(attempt.responseBody()),
                        cut(attempt.error()), executionId, attempt.number())
                .update();
        OffsetDateTime deliveredAt = status == ExecutionStatus.FINISHED ? endOf(attempt) : null;
        jdbc.sql("""
                        update executions set status = ?, last_error = ?, last_response_status = ?,
                        delivered_at = coalesce(delivered_at, ?), updated_at = ? where id = ?""")
                .params(status.name(), cut(attempt.error()), attempt.responseStatus(), deliveredAt,
                        OffsetDateTime.now(), executionId)
                .update();
        overview.changed(before, status, deliveredAt);
        return before.createdAt();
    }

    private void counted(Attempt attempt, ExecutionStatus status, OffsetDateTime createdAt) {
        metrics.deliveryAttempt(outcome(status, attempt.responseStatus()), attempt.responseStatus(),
                attempt.number(), createdAt == null ? null : Duration.between(createdAt, OffsetDateTime.now()));
    }

    /** A 410 is gone whatever status it leads to: the run ends FAILED only once its webhook is disabled. */
    private static DeliveryOutcome outcome(ExecutionStatus status, Integer responseStatus) {
        if (responseStatus != null && responseStatus == 410) {
            return DeliveryOutcome.GONE;
        }
        return switch (status) {
            case FINISHED -> DeliveryOutcome.DELIVERED;
            case FAILED -> DeliveryOutcome.FAILED;
            default -> DeliveryOutcome.RETRIED;
        };
    }

    /** In microseconds, as the databases store it: the latency counted now is the one read back later. */
    private static OffsetDateTime endOf(Attempt attempt) {
        return attempt.startedAt().plusNanos(attempt.durationMs() * 1_000_000).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * How a run ended, written by the listener on the end event its process reached. Runs in the
     * transaction of the Camunda command that ended it, so the execution and the process instance
     * never disagree. The agent and result are a launch's; a webhook delivery has neither.
     */
    public void ended(UUID executionId, ExecutionStatus status, String workerId, String result, String error) {
        Object recorded = TransactionSynchronizationManager.getResource(RECORDED_WITHIN);
        if (workerId == null && result == null && error == null && recorded instanceof Map<?, ?> statuses
                && status == statuses.get(executionId)) {
            return; // a delivered run whose answer this transaction recorded: nothing to read or write again
        }
        Optional<OverviewChanges.Counted> before = overview.lockIfPresent(executionId);
        if (before.isPresent() && before.get().status() == status && workerId == null && result == null
                && error == null) {
            return; // e.g. a delivered run: the attempt's record already made it FINISHED
        }
        jdbc.sql("update executions set status = ?, worker_id = ?, result = ?, last_error = ?, updated_at = ? where id = ?")
                .params(status.name(), workerId, result, cut(error), OffsetDateTime.now(), executionId)
                .update();
        before.ifPresent(counted -> overview.changed(counted, status, null));
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_BODY) {
            return text;
        }
        return text.substring(0, MAX_BODY);
    }
}
