package io.cascade.engine.ingest;

import io.cascade.engine.common.Groups;
import io.cascade.engine.common.RetryLaterException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One insert statement run for concurrent callers, committed together as a database's group commit
 * does: while one group's transaction commits, the inserts arriving meanwhile wait for the next, up to
 * {@code maxGroup} in one JDBC batch and one commit ({@link Groups}, one group at a time on one thread).
 * A quiet node commits each insert at once, alone; under load one commit, and its write-ahead log flush,
 * serves several. Each caller still gets its own outcome: its row count, or its own failure, because a
 * group that fails on a row is inserted again one row per transaction. A group that fails on the
 * database (no connection, a commit that failed) fails every caller in it at once, as each would have
 * failed alone.
 */
final class GroupedInserts implements AutoCloseable {

    private final String sql;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ExecutorService committer;
    private final Groups<Insert> groups;

    private record Insert(Object[] params, CompletableFuture<Integer> count) {
    }

    GroupedInserts(String sql, JdbcTemplate jdbc, PlatformTransactionManager transactions, int maxGroup,
                   String threadName) {
        this.sql = sql;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.committer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.groups = new Groups<>(committer, maxGroup, 1, this::insertGroup,
                insert -> insert.count().completeExceptionally(stopping()));
    }

    /** The rows the insert wrote, once committed; what failed it is thrown as it was. */
    int insert(Object... params) {
        Insert insert = new Insert(params, new CompletableFuture<>());
        groups.add(insert);
        try {
            return insert.count().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    private void insertGroup(List<Insert> group) {
        int[] counts;
        try {
            counts = transaction.execute(status -> counted(jdbc.batchUpdate(sql,
                    group.stream().map(Insert::params).toList())));
        } catch (RuntimeException groupFailed) {
            if (databaseFailure(groupFailed)) {
                // every row would meet it too, each after its own wait for a connection: all fail now, and
                // the senders, answered with the error, send again (the same id is never queued twice)
                group.forEach(insert -> insert.count().completeExceptionally(groupFailed));
            } else {
                group.forEach(this::insertAlone); // a row's own failure: each gets its own outcome
            }
            return;
        } catch (Error fatal) {
            group.forEach(insert -> insert.count().completeExceptionally(fatal));
            throw fatal;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).count().complete(counts[i]);
        }
    }

    /**
     * A failure of the database or the connection to it, rather than of a row (a constraint, a value):
     * no connection, a connection lost, a transaction that could not begin or whose commit failed.
     */
    static boolean databaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A driver that does not count each statement of a batch rolls it back: its rows are then inserted alone. */
    private static int[] counted(int[] counts) {
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalStateException("the JDBC driver did not count each insert of the batch");
            }
        }
        return counts;
    }

    private void insertAlone(Insert insert) {
        try {
            insert.count().complete(jdbc.update(sql, insert.params()));
        } catch (RuntimeException failed) {
            insert.count().completeExceptionally(failed);
        }
    }

    private static RetryLaterException stopping() {
        return new RetryLaterException("the server is stopping; send the event again", Duration.ofSeconds(1));
    }

    /**
     * Waits up to 10 s for the group under way to commit; inserts no group has taken yet are refused as
     * the server stopping (503), with nothing written.
     */
    @Override
    public void close() {
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
