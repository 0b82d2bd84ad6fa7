package io.cascade.engine.execution;

import io.cascade.engine.common.Databases;
import io.cascade.engine.common.Periodic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds overview_changes into the overview's rollup (counts per hour and key, latency histograms
 * per hour): every cascade.overview.fold-interval, in transactions of at most {@value #BATCH} changes
 * that add them up and delete them, so the rollup and the changes never count a change twice. Rows
 * left at zero (their executions removed by retention) are deleted. One node folds at a time (a
 * PostgreSQL advisory lock; on H2, one node is all there is).
 */
@Component
public class OverviewFolder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OverviewFolder.class);
    /** pg_try_advisory_xact_lock(int, int): ('CASC', 2), beside the history cleanup's ('CASC', 1). */
    private static final int LOCK_CLASS = 0x43415343;
    private static final int LOCK_FOLD = 2;
    static final int BATCH = 10_000;
    private static final int IDS_PER_STATEMENT = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final boolean advisoryLocks;
    private final Duration interval;
    private final Periodic scheduler = new Periodic("cascade-overview-fold");

    OverviewFolder(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                   @Value("${cascade.overview.fold-interval:PT5S}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("cascade.overview.fold-interval must be positive, not " + interval);
        }
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.advisoryLocks = Databases.isPostgreSql(dataSource);
        this.interval = interval;
    }

    /** Folds every change there is (batch after batch); returns how many were folded. */
    public synchronized int fold() {
        int folded = 0;
        while (true) {
            Integer batch = transaction.execute(status -> foldBatch());
            folded += batch == null ? 0 : batch;
            if (batch == null || batch < BATCH) {
                return folded;
            }
        }
    }

    private int foldBatch() {
        if (advisoryLocks && !Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, ?)",
                Boolean.class, LOCK_CLASS, LOCK_FOLD))) {
            return 0;
        }
        List<Long> ids = new ArrayList<>();
        Map<RollupKey, RollupDelta> counts = new LinkedHashMap<>();
        Map<List<Object>, RollupDelta> latency = new LinkedHashMap<>();
        Map<List<Object>, RollupDelta> teamLatency = new LinkedHashMap<>();
        jdbc.query("""
                        select id, team_id, epoch_hour, project_id, automation_id, automation_name, action_type, action_name,
                        pending, running, finished, failed, latency_bin, deliveries, total_ms
                        from overview_changes order by id fetch first %d rows only""".formatted(BATCH), rs -> {
            ids.add(rs.getLong("id"));
            RollupKey key = new RollupKey(rs.getObject("team_id", UUID.class), rs.getLong("epoch_hour"),
                    rs.getObject("project_id", UUID.class), rs.getObject("automation_id", UUID.class),
                    rs.getString("automation_name"), rs.getString("action_type"), rs.getString("action_name"));
            RollupDelta count = counts.computeIfAbsent(key, k -> new RollupDelta(null));
            for (ExecutionStatus status : ExecutionStatus.values()) {
                count.count(status, rs.getLong(status.name().toLowerCase()));
            }
            Integer bin = (Integer) rs.getObject("latency_bin");
            if (bin != null) {
                RollupDelta delivery = new RollupDelta(bin);
                delivery.addDeliveries(rs.getLong("deliveries"), rs.getLong("total_ms"));
                latency.computeIfAbsent(List.of(key.teamId(), key.projectId(), key.hour(), bin), k -> new RollupDelta(bin))
                        .add(delivery);
                teamLatency.computeIfAbsent(List.of(key.teamId(), key.hour(), bin), k -> new RollupDelta(bin))
                        .add(delivery);
            }
        });
        if (ids.isEmpty()) {
            return 0;
        }
        foldCounts(counts);
        foldLatency("overview_latency", "team_id = ? and project_id = ? and epoch_hour = ? and bin = ?",
                "team_id, project_id, epoch_hour, bin", latency);
        foldLatency("overview_team_latency", "team_id = ? and epoch_hour = ? and bin = ?", "team_id, epoch_hour, bin", teamLatency);
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(from + IDS_PER_STATEMENT, ids.size()));
            jdbc.update("delete from overview_changes where id in (" + "?,".repeat(chunk.size() - 1) + "?)",
                    chunk.toArray());
        }
        return ids.size();
    }

    private void foldCounts(Map<RollupKey, RollupDelta> counts) {
        String key = "team_id = ? and epoch_hour = ? and project_id = ? and automation_id = ? and automation_name = ?"
                + " and action_type = ? and action_name = ?";
        List<RollupKey> keys = counts.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        List<Object[]> updates = new ArrayList<>();
        for (RollupKey k : keys) {
            RollupDelta d = counts.get(k);
            updates.add(new Object[] {d.executions(ExecutionStatus.PENDING), d.executions(ExecutionStatus.RUNNING),
                    d.executions(ExecutionStatus.FINISHED), d.executions(ExecutionStatus.FAILED), k.teamId(), k.hour(),
                    k.projectId(), k.automationId(), k.automationName(), k.actionType(), k.actionName()});
        }
        int[] updated = jdbc.batchUpdate("update overview_hours set pending = pending + ?, running = running + ?,"
                + " finished = finished + ?, failed = failed + ? where " + key, updates);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> emptied = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object[] row = updates.get(i);
            if (updated[i] == 0) {
                inserts.add(new Object[] {row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[0], row[1],
                        row[2], row[3]});
            } else if (counts.get(keys.get(i)).total() < 0) {
                emptied.add(new Object[] {row[4], row[5], row[6], row[7], row[8], row[9], row[10]});
            }
        }
        jdbc.batchUpdate("""
                insert into overview_hours (team_id, epoch_hour, project_id, automation_id, automation_name, action_type,
                action_name, pending, running, finished, failed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        jdbc.batchUpdate("delete from overview_hours where " + key
                + " and pending = 0 and running = 0 and finished = 0 and failed = 0", emptied);
    }

    private void foldLatency(String table, String key, String keyColumns, Map<List<Object>, RollupDelta> bins) {
        List<List<Object>> keys = bins.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        List<Object[]> updates = new ArrayList<>();
        for (List<Object> k : keys) {
            RollupDelta d = bins.get(k);
            List<Object> row = new ArrayList<>(List.of(d.deliveries(), d.totalMs()));
            row.addAll(k);
            updates.add(row.toArray());
        }
        int[] updated = jdbc.batchUpdate("update " + table + " set deliveries = deliveries + ?, total_ms = total_ms + ?"
                + " where " + key, updates);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> emptied = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            RollupDelta d = bins.get(keys.get(i));
            if (updated[i] == 0) {
                List<Object> row = new ArrayList<>(keys.get(i));
                row.add(d.deliveries());
                row.add(d.totalMs());
                inserts.add(row.toArray());
            } else if (d.deliveries() < 0) {
                emptied.add(keys.get(i).toArray());
            }
        }
        jdbc.batchUpdate("insert into " + table + " (" + keyColumns + ", deliveries, total_ms) values ("
                + "?, ".repeat(keys.isEmpty() ? 0 : keys.get(0).size()) + "?, ?)", inserts);
        jdbc.batchUpdate("delete from " + table + " where " + key + " and deliveries = 0", emptied);
    }

    private void scheduledFold() {
        try {
            fold();
        } catch (RuntimeException e) {
            log.warn("folding the overview's changes failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        scheduler.start(Duration.ZERO, interval, this::scheduledFold);
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
