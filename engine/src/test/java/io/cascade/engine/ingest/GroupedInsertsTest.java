package io.cascade.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.engine.common.RetryLaterException;
import io.cascade.engine.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Inserts of concurrent callers share a commit, and each caller still gets its own outcome, against
 * PostgreSQL: the rows one transaction wrote share its id (xmin).
 */
class GroupedInsertsTest {

    private static final String INSERT = "insert into grouped_inserts_test (k, v) values (?, ?) on conflict (k) do nothing";

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private GroupedInserts inserts;

    @BeforeEach
    void table() {
        jdbc.execute("drop table if exists grouped_inserts_test");
        jdbc.execute("create table grouped_inserts_test (k text primary key, v text not null)");
        inserts = new GroupedInserts(INSERT, jdbc, new DataSourceTransactionManager(dataSource), 64, "test-commit");
    }

    @AfterEach
    void stop() {
        inserts.close();
        callers.shutdownNow();
        jdbc.execute("drop table if exists grouped_inserts_test");
    }

    @Test
    void aQuietCallerCommitsAloneAndAtOnce() {
        assertThat(inserts.insert("a", "1")).isEqualTo(1);

        assertThat(jdbc.queryForObject("select v from grouped_inserts_test where k = 'a'", String.class))
                .as("committed when insert returns").isEqualTo("1");
    }

    @Test
    void insertsArrivingWhileAGroupCommitsShareTheNextCommitEachWithItsCount() throws Exception {
        jdbc.update("insert into grouped_inserts_test (k, v) values ('seen', 'before')");
        List<Future<Integer>> next;
        Future<Integer> first;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("insert into grouped_inserts_test (k, v) values ('first', 'other')");
            first = callers.submit(() -> inserts.insert("first", "mine"));
            awaitCommitterBlocked(); // the first group waits for the blocker's transaction
            next = new ArrayList<>();
            for (String key : List.of("b", "c", "d", "seen")) {
                next.add(callers.submit(() -> inserts.insert(key, "grouped")));
            }
            awaitWaiting(5);
            blocker.rollback();
        }

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(List.of(next.get(0).get(10, TimeUnit.SECONDS), next.get(1).get(), next.get(2).get(),
                next.get(3).get())).as("an id seen before inserts nothing").containsExactly(1, 1, 1, 0);
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from grouped_inserts_test "
                + "where k in ('b', 'c', 'd')", Integer.class)).as("one transaction").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from grouped_inserts_test "
                + "where k in ('first', 'b')", Integer.class)).as("the first went alone").isEqualTo(2);
    }

    @Test
    void aFailingInsertFailsOnlyItsCallerTheOthersCommitOneByOne() throws Exception {
        Future<Integer> failing;
        List<Future<Integer>> others = new ArrayList<>();
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("insert into grouped_inserts_test (k, v) values ('first', 'other')");
            Future<Integer> first = callers.submit(() -> inserts.insert("first", "mine"));
            awaitCommitterBlocked();
            others.add(callers.submit(() -> inserts.insert("e", "ok")));
            failing = callers.submit(() -> inserts.insert("f", null)); // v is not null
            others.add(callers.submit(() -> inserts.insert("g", "ok")));
            awaitWaiting(4); // the three form the next group
            blocker.commit();
            assertThat(first.get(10, TimeUnit.SECONDS)).as("taken by the blocker").isZero();
        }

        assertThat(others.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(others.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                DataIntegrityViolationException.class);
        assertThat(jdbc.queryForList("select k from grouped_inserts_test order by k", String.class))
                .containsExactly("e", "first", "g");
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from grouped_inserts_test "
                + "where k in ('e', 'g')", Integer.class)).as("each in a transaction of its own").isEqualTo(2);
    }

    @Test
    void withTheDatabaseOutOfReachAGroupFailsAllItsCallersAtOnceWithoutTryingEachAlone() throws Exception {
        CountDownLatch firstAttempt = new CountDownLatch(1);
        AtomicInteger connectionsAsked = new AtomicInteger();
        DataSource unreachable = new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (connectionsAsked.incrementAndGet() == 1) {
                    try {
                        firstAttempt.await(10, TimeUnit.SECONDS); // as a pool waits for a connection
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw new SQLTransientConnectionException("Connection is not available, request timed out");
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        };
        GroupedInserts cut = new GroupedInserts(INSERT, new JdbcTemplate(unreachable),
                new DataSourceTransactionManager(unreachable), 64, "test-commit-unreachable");
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> cut.insert("a", "1")));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (connectionsAsked.get() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(5); // until the first group waits for its connection
            }
            for (String key : List.of("b", "c", "d")) {
                calls.add(callers.submit(() -> cut.insert(key, "1")));
            }
            awaitWaiting(4);
            firstAttempt.countDown();

            for (Future<Integer> call : calls) {
                assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                        CannotCreateTransactionException.class);
            }
            assertThat(connectionsAsked).as("one per group, none per row").hasValue(2);
        } finally {
            cut.close();
        }
    }

    @Test
    void afterCloseAnInsertIsRefusedAsTheServerStoppingAndWritesNothing() {
        inserts.close();

        assertThatThrownBy(() -> inserts.insert("late", "1")).isInstanceOf(RetryLaterException.class)
                .hasMessageContaining("stopping");
        assertThat(jdbc.queryForObject("select count(*) from grouped_inserts_test", Integer.class)).isZero();
    }

    @Test
    void callersOfManyThreadsEachGetTheirRowCommitted() throws Exception {
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "k" + i;
            all.add(CompletableFuture.supplyAsync(() -> inserts.insert(key, "v"), callers));
        }

        for (CompletableFuture<Integer> each : all) {
            assertThat(each.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from grouped_inserts_test", Integer.class)).isEqualTo(200);
    }

    /** Until {@code count} caller threads wait for their insert's outcome (each queued it before waiting). */
    private void awaitWaiting(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (waitingCallers() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("fewer than " + count + " callers ever waited");
            }
            Thread.sleep(5);
        }
    }

    /** Until the committer's insert waits for the blocker's uncommitted row with the same key. */
    private void awaitCommitterBlocked() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (jdbc.queryForObject("select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where not l.granted and a.datname = current_database() "
                + "and a.query like 'insert into grouped_inserts_test%'", Integer.class) == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the first insert never waited for the blocker");
            }
            Thread.sleep(5);
        }
    }

    private long waitingCallers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("pool-") && thread.getState() == Thread.State.WAITING)
                .filter(thread -> List.of(thread.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getMethodName().equals("insert")
                                && frame.getClassName().equals(GroupedInserts.class.getName())))
                .count();
    }
}
