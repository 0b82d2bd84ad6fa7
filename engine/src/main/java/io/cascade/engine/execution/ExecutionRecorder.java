package io.cascade.engine.execution;

import io.cascade.engine.metrics.CascadeMetrics;
import io.cascade.engine.metrics.DeliveryOutcome;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes attempts and status changes in their own transaction: a failed attempt makes Camunda
 * roll back the job's transaction (to schedule the retry), and its record must survive that.
 */
@Component
public class ExecutionRecorder {

    static final int MAX_BODY = 4096;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final CascadeMetrics metrics;

    ExecutionRecorder(JdbcClient jdbc, PlatformTransactionManager transactions, CascadeMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records the attempt and the status it leads to; returns the attempt's number. Every webhook
     * attempt passes here, so this is where deliveries are counted.
     */
    public int record(UUID executionId, Attempt attempt, ExecutionStatus status) {
        Row recorded = ownTransaction.execute(tx -> {
            Row row = jdbc.sql("select attempts, created_at from executions where id = ? for update")
                    .param(executionId)
                    .query((rs, n) -> new Row(rs.getInt(1), rs.getObject(2, OffsetDateTime.class))).single();
            int next = row.attempts() + 1;
            jdbc.sql("""
                            insert into execution_attempts (id, execution_id, number, started_at, duration_ms,
                            response_status, response_body, error) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), executionId, next, attempt.startedAt(), attempt.durationMs(),
                            attempt.responseStatus(), cut(attempt.responseBody()), cut(attempt.error()))
                    .update();
            jdbc.sql("""
                            update executions set attempts = ?, status = ?, last_error = ?, last_response_status = ?,
                            delivered_at = coalesce(delivered_at, ?), updated_at = ? where id = ?""")
                    .params(next, status.name(), cut(attempt.error()), attempt.responseStatus(),
                            status == ExecutionStatus.FINISHED ? endOf(attempt) : null, OffsetDateTime.now(),
                            executionId)
                    .update();
            return new Row(next, row.createdAt());
        });
        if (recorded == null) {
            return 0;
        }
        metrics.deliveryAttempt(outcome(status, attempt.responseStatus()), attempt.responseStatus(),
                recorded.attempts(), Duration.between(recorded.createdAt(), OffsetDateTime.now()));
        return recorded.attempts();
    }

    private static DeliveryOutcome outcome(ExecutionStatus status, Integer responseStatus) {
        return switch (status) {
            case FINISHED -> DeliveryOutcome.DELIVERED;
            case FAILED -> responseStatus != null && responseStatus == 410 ? DeliveryOutcome.GONE : DeliveryOutcome.FAILED;
            default -> DeliveryOutcome.RETRIED;
        };
    }

    private static OffsetDateTime endOf(Attempt attempt) {
        return attempt.startedAt().plusNanos(attempt.durationMs() * 1_000_000);
    }

    /**
     * How a run ended, written by the listener on the end event its process reached. Runs in the
     * transaction of the Camunda command that ended it, so the execution and the process instance
     * never disagree. The agent and result are a launch's; a webhook delivery has neither.
     */
    public void ended(UUID executionId, ExecutionStatus status, String workerId, String result, String error) {
        jdbc.sql("update executions set status = ?, worker_id = ?, result = ?, last_error = ?, updated_at = ? where id = ?")
                .params(status.name(), workerId, result, cut(error), OffsetDateTime.now(), executionId)
                .update();
    }

    private record Row(int attempts, OffsetDateTime createdAt) {
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX_BODY) {
            return text;
        }
        return text.substring(0, MAX_BODY);
    }
}
