package io.cascade.engine.execution;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Computes the overview's rollup from the executions themselves: the migration that introduced it
 * fills it this way, and so does anything that writes executions other than through the engine (the
 * history benchmark's fill). Only for executions nothing else is writing at the same time.
 */
public final class OverviewBackfill {

    private static final String HOUR = "cast(floor(extract(epoch from created_at)) as bigint) / 3600";
    private static final String KEY = "team_id, " + HOUR + ", project_id, automation_id, automation_name, action_type,"
            + " coalesce(action_name, '')";
    private static final int ROWS_PER_BATCH = 1000;

    private OverviewBackfill() {
    }

    /**
     * Replaces the rollup of one team (every team when {@code teamId} is null) with what its executions
     * say now, on {@code connection} and in its transaction (the caller commits).
     */
    public static void rebuild(Connection connection, UUID teamId) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        jdbc.setFetchSize(ROWS_PER_BATCH);
        String ofTeam = teamId == null ? "" : " where team_id = ?";
        Object[] team = teamId == null ? new Object[0] : new Object[] {teamId};
        for (String table : List.of("overview_changes", "overview_hours", "overview_latency", "overview_team_latency")) {
            jdbc.update("delete from " + table + ofTeam, team);
        }
        jdbc.update("""
                insert into overview_hours (team_id, epoch_hour, project_id, automation_id, automation_name, action_type,
                action_name, pending, running, finished, failed)
                select %1$s, sum(case when status = 'PENDING' then 1 else 0 end),
                sum(case when status = 'RUNNING' then 1 else 0 end), sum(case when status = 'FINISHED' then 1 else 0 end),
                sum(case when status = 'FAILED' then 1 else 0 end)
                from executions%2$s group by %1$s""".formatted(KEY, ofTeam), team);
        Map<List<Object>, long[]> byProject = new HashMap<>();
        Map<List<Object>, long[]> byTeam = new HashMap<>();
        jdbc.query("select team_id, project_id, created_at, delivered_at from executions where delivered_at is not null"
                + (teamId == null ? "" : " and team_id = ?"), rs -> {
            OffsetDateTime createdAt = rs.getObject("created_at", OffsetDateTime.class);
            long ms = OverviewChanges.latencyMs(createdAt, rs.getObject("delivered_at", OffsetDateTime.class));
            UUID owner = rs.getObject("team_id", UUID.class);
            long hour = RollupKey.hourOf(createdAt);
            int bin = LatencyHistogram.bin(ms);
            add(byProject.computeIfAbsent(List.of(owner, rs.getObject("project_id", UUID.class), hour, bin),
                    k -> new long[2]), ms);
            add(byTeam.computeIfAbsent(List.of(owner, hour, bin), k -> new long[2]), ms);
        }, team);
        insert(jdbc, "insert into overview_latency (team_id, project_id, epoch_hour, bin, deliveries, total_ms)"
                + " values (?, ?, ?, ?, ?, ?)", byProject);
        insert(jdbc, "insert into overview_team_latency (team_id, epoch_hour, bin, deliveries, total_ms)"
                + " values (?, ?, ?, ?, ?)", byTeam);
    }

    private static void add(long[] bin, long ms) {
        bin[0]++;
        bin[1] += LatencyHistogram.counted(ms);
    }

    private static void insert(JdbcTemplate jdbc, String sql, Map<List<Object>, long[]> bins) {
        List<Object[]> rows = new ArrayList<>(ROWS_PER_BATCH);
        for (Map.Entry<List<Object>, long[]> bin : bins.entrySet()) {
            List<Object> row = new ArrayList<>(bin.getKey());
            row.add(bin.getValue()[0]);
            row.add(bin.getValue()[1]);
            rows.add(row.toArray());
            if (rows.size() == ROWS_PER_BATCH) {
                jdbc.batchUpdate(sql, rows);
                rows.clear();
            }
        }
        jdbc.batchUpdate(sql, rows);
    }
}
