package io.cascade.api.execution;

import static io.cascade.api.execution.HistoryRows.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.execution.Overview;
import io.cascade.engine.execution.OverviewFolder;
import io.cascade.engine.execution.OverviewQueries;
import io.cascade.engine.execution.OverviewRange;
import io.cascade.engine.retention.HistoryRetention;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The overview's rollup against a direct computation over the executions: after runs are written,
 * change status, are redelivered and are removed by retention; both before and after its changes
 * are folded in.
 */
class OverviewRollupIntegrationTest extends ApiIntegrationTest {

    private static final String COUNTS = "project_id, automation_id, automation_name, action_type, action_name, epoch_hour";

    private final Receiver receiver = new Receiver();

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private OverviewFolder folder;
    @Autowired
    private OverviewQueries overviews;
    @Autowired
    private HistoryRetention retention;
    @Autowired
    private PlatformTransactionManager transactions;
    @Value("${cascade.history.retention}")
    private Duration retentionSetting;

    OverviewRollupIntegrationTest() throws java.io.IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliveriesAreCountedAsTheirStatusChangesBeforeAndAfterFolding() {
        receiver.answering(503, 200);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        UUID team = teamId(acme);

        List<String> ids = List.of(acme.fire("alice"), acme.fire("bob"), acme.fire("carol"));
        for (int i = 0; i < 20; i++) {
            Snapshot moment = snapshot(team);
            assertThat(moment.rollup()).as("while runs are pending or under way").isEqualTo(moment.direct());
            assertThat(moment.latency()).isEqualTo(moment.directLatency());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> "FINISHED".equals(acme.execution(id).get("status").asText())));

        assertThat(rollup(team)).isEqualTo(direct(team));
        assertThat(latency(team)).isEqualTo(directLatency(team));
        assertThat(latency(team).values().stream().mapToLong(sum -> sum.get(0)).sum()).isEqualTo(3);
        foldAll(team);
        assertThat(rollup(team)).isEqualTo(direct(team));
        assertThat(latency(team)).isEqualTo(directLatency(team));
        Overview overview = overviews.overview(team, null, OverviewRange.LAST_24_HOURS, "GENERIC_WEBHOOK", List.of());
        assertThat(overview.buckets().stream().mapToLong(Overview.Bucket::finished).sum()).isEqualTo(3);
        assertThat(overview.latencyP50Ms()).isNotNull();
    }

    @Test
    void aRedeliveredRunMovesFromFailedToFinishedInItsOwnHour() {
        receiver.answering(503, 503, 503);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        UUID team = teamId(acme);
        String id = acme.fire("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        foldAll(team);
        assertThat(rollup(team)).isEqualTo(direct(team)).containsValue(List.of(0L, 0L, 0L, 1L));
        assertThat(latency(team)).isEmpty();

        acme.redeliver(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));

        assertThat(rollup(team)).as("folded and pending together").isEqualTo(direct(team))
                .containsValue(List.of(0L, 0L, 1L, 0L));
        assertThat(latency(team)).isEqualTo(directLatency(team)).hasSize(1);
        foldAll(team);
        assertThat(rollup(team)).isEqualTo(direct(team));
        assertThat(latency(team)).isEqualTo(directLatency(team));
        assertThat(teamLatency(team)).isEqualTo(latency(team).values().stream().toList());
    }

    @Test
    void retentionTakesRemovedRunsOutOfTheRollupAndItsEmptyRowsWithThem() {
        TeamFixture acme = TeamFixture.create(admin());
        UUID team = teamId(acme);
        HistoryRows rows = new HistoryRows(dataSource, acme.name());
        OffsetDateTime old = minutesAgo(retentionSetting.toMinutes() + 24 * 60);
        rows.insert(finished(old, 120));
        rows.insert(finished(old, 4000));
        rows.insert(finished(minutesAgo(10), 80));
        Map<String, List<Long>> before = rollup(team);
        assertThat(before).hasSize(2);

        retention.removeExpired();

        assertThat(rollup(team)).as("removed, not folded yet").isEqualTo(direct(team)).hasSize(1);
        assertThat(latency(team)).isEqualTo(directLatency(team)).hasSize(1);
        foldAll(team);
        long oldHour = Math.floorDiv(old.toEpochSecond(), 3600);
        assertThat(jdbc.sql("select count(*) from overview_hours where team_id = ? and epoch_hour = ?").params(team, oldHour)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from overview_latency where team_id = ? and epoch_hour = ?")
                .params(team, oldHour).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from overview_team_latency where team_id = ? and epoch_hour = ?")
                .params(team, oldHour).query(Long.class).single()).isZero();
        assertThat(rollup(team)).isEqualTo(direct(team));
        assertThat(latency(team)).isEqualTo(directLatency(team));
    }

    private static HistoryRows.Row finished(OffsetDateTime at, long latencyMs) {
        return new HistoryRows.Row(TeamFixture.PROJECT, UUID.nameUUIDFromBytes("retrain".getBytes()), "retrain",
                "GENERIC_WEBHOOK", "ci", "FINISHED", "CREATE_ARTIFACT", "training-data", "alice", "v1", null, at, 200,
                latencyMs);
    }

    /** The rollup and the direct computation as of one moment (one snapshot of the database). */
    private Snapshot snapshot(UUID team) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        transaction.setReadOnly(true);
        return transaction.execute(status -> new Snapshot(rollup(team), direct(team), latency(team),
                directLatency(team)));
    }

    private record Snapshot(Map<String, List<Long>> rollup, Map<String, List<Long>> direct,
                            Map<String, List<Long>> latency, Map<String, List<Long>> directLatency) {
    }

    private UUID teamId(TeamFixture team) {
        return jdbc.sql("select id from teams where name = ?").param(team.name()).query(UUID.class).single();
    }

    /** Folds until none of the team's changes is left (another node's fold may hold the lock a moment). */
    private void foldAll(UUID team) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            folder.fold();
            return pendingChanges(team) == 0;
        });
    }

    private long pendingChanges(UUID team) {
        return jdbc.sql("select count(*) from overview_changes where team_id = ?").param(team).query(Long.class).single();
    }

    /** Pending, running, finished, failed per key and hour, as the rollup and its pending changes count them. */
    private Map<String, List<Long>> rollup(UUID team) {
        Map<String, List<Long>> counts = new TreeMap<>();
        jdbc.sql("""
                        select %1$s, sum(pending), sum(running), sum(finished), sum(failed) from (
                        select %1$s, pending, running, finished, failed from overview_hours where team_id = :team
                        union all select %1$s, pending, running, finished, failed from overview_changes
                        where team_id = :team) x group by %1$s""".formatted(COUNTS))
                .param("team", team)
                .query(rs -> {
                    List<Long> row = List.of(rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
                    if (row.stream().anyMatch(count -> count != 0)) {
                        counts.put(key(rs), row);
                    }
                });
        return counts;
    }

    /** The same, counted from the executions. */
    private Map<String, List<Long>> direct(UUID team) {
        Map<String, List<Long>> counts = new TreeMap<>();
        jdbc.sql("""
                        select project_id, automation_id, automation_name, action_type, coalesce(action_name, ''),
                        cast(floor(extract(epoch from created_at)) as bigint) / 3600 as epoch_hour,
                        sum(case when status = 'PENDING' then 1 else 0 end), sum(case when status = 'RUNNING' then 1 else 0 end),
                        sum(case when status = 'FINISHED' then 1 else 0 end), sum(case when status = 'FAILED' then 1 else 0 end)
                        from executions where team_id = ? group by project_id, automation_id, automation_name, action_type,
                        coalesce(action_name, ''), cast(floor(extract(epoch from created_at)) as bigint) / 3600""")
                .param(team)
                .query(rs -> {
                    counts.put(key(rs), List.of(rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                });
        return counts;
    }

    private static String key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6));
    }

    /** Deliveries and their summed latency per project and hour, as the project histograms count them. */
    private Map<String, List<Long>> latency(UUID team) {
        Map<String, List<Long>> sums = new TreeMap<>();
        jdbc.sql("""
                        select project_id, epoch_hour, sum(deliveries), sum(total_ms) from (
                        select project_id, epoch_hour, deliveries, total_ms from overview_latency where team_id = :team
                        union all select project_id, epoch_hour, deliveries, total_ms from overview_changes
                        where team_id = :team and latency_bin is not null) x group by project_id, epoch_hour""")
                .param("team", team)
                .query(rs -> {
                    if (rs.getLong(3) != 0) {
                        sums.put(rs.getString(1) + "|" + rs.getLong(2), List.of(rs.getLong(3), rs.getLong(4)));
                    }
                });
        return sums;
    }

    /** The team-wide histograms' deliveries and summed latency per hour, folded. */
    private List<List<Long>> teamLatency(UUID team) {
        return jdbc.sql("select sum(deliveries), sum(total_ms) from overview_team_latency where team_id = ? group by epoch_hour"
                        + " order by epoch_hour")
                .param(team)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                .list();
    }

    /** The same, from the executions: accepted (created) until delivered, in whole milliseconds. */
    private Map<String, List<Long>> directLatency(UUID team) {
        Map<String, List<Long>> sums = new TreeMap<>();
        jdbc.sql("select project_id, created_at, delivered_at from executions where team_id = ? and delivered_at is not null")
                .param(team)
                .query(rs -> {
                    OffsetDateTime created = rs.getObject(2, OffsetDateTime.class);
                    long ms = Duration.between(created, rs.getObject(3, OffsetDateTime.class)).toMillis();
                    String key = rs.getString(1) + "|" + Math.floorDiv(created.toEpochSecond(), 3600);
                    List<Long> sum = sums.getOrDefault(key, List.of(0L, 0L));
                    sums.put(key, List.of(sum.get(0) + 1, sum.get(1) + ms));
                });
        return sums;
    }

}
