package io.cascade.engine.execution;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the overview's rollup following the executions: whatever inserts, changes the status of, or
 * removes an execution appends what that does to the counts, in the same transaction, to
 * overview_changes (one insert: it never waits on another writer, and costs the same however much
 * history there is). {@link OverviewFolder} folds the changes into the rollup.
 */
@Component
class OverviewChanges {

    static final String COUNTED = """
            team_id, project_id, automation_id, automation_name, action_type, action_name, created_at, status,
            delivered_at""";
    private static final String APPEND = """
            insert into overview_changes (team_id, epoch_hour, project_id, automation_id, automation_name, action_type,
            action_name, pending, running, finished, failed, latency_bin, deliveries, total_ms)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    OverviewChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The execution as the rollup counts it, locked until the caller's transaction ends. */
    Counted lock(UUID executionId) {
        return lockIfPresent(executionId)
                .orElseThrow(() -> new EmptyResultDataAccessException("execution " + executionId + " not found", 1));
    }

    Optional<Counted> lockIfPresent(UUID executionId) {
        return jdbc.query("select " + COUNTED + " from executions where id = ? for update",
                (rs, n) -> Counted.read(rs), executionId).stream().findFirst();
    }

    /**
     * {@link #lock} for several executions, locked in the order of their ids ({@code order by id}), so
     * two callers locking overlapping sets wait for each other instead of deadlocking; a missing one throws.
     */
    Map<UUID, Counted> lockAll(List<UUID> ids) {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<UUID, Counted> locked = new LinkedHashMap<>();
        jdbc.query("select id, " + COUNTED + " from executions where id in (" + placeholders + ") order by id for update",
                rs -> {
                    locked.put(rs.getObject("id", UUID.class), Counted.read(rs));
                }, ids.toArray());
        if (locked.size() != ids.size()) {
            throw new EmptyResultDataAccessException("executions not found: " + ids.stream()
                    .filter(id -> !locked.containsKey(id)).toList(), ids.size());
        }
        return locked;
    }

    /** {@link #changed} for several executions, none of them delivered by this change, in one batch. */
    void changedAll(Collection<Counted> before, ExecutionStatus after) {
        List<Map.Entry<RollupKey, RollupDelta>> changes = new ArrayList<>();
        for (Counted counted : before) {
            if (counted.status() != after) {
                RollupDelta delta = new RollupDelta(null);
                delta.count(counted.status(), -1);
                delta.count(after, 1);
                changes.add(Map.entry(counted.key(), delta));
            }
        }
        append(changes);
    }

    /** A new execution, accepted at {@code key}'s hour. */
    void inserted(RollupKey key, ExecutionStatus status) {
        append(List.of(Map.entry(key, RollupDelta.of(null, status))));
    }

    /**
     * {@code before} has its status set to {@code after}; {@code deliveredAt} is when it was delivered
     * if this change is its first delivery (null otherwise), which adds its latency to the histogram.
     */
    void changed(Counted before, ExecutionStatus after, OffsetDateTime deliveredAt) {
        RollupDelta delta = deliveredAt == null || before.deliveredAt() != null ? new RollupDelta(null)
                : RollupDelta.delivery(latencyMs(before.createdAt(), deliveredAt), 1);
        if (before.status() != after) {
            delta.count(before.status(), -1);
            delta.count(after, 1);
        }
        if (!delta.isEmpty()) {
            append(List.of(Map.entry(before.key(), delta)));
        }
    }

    /** These executions are being deleted: they leave the counts (and their deliveries the histogram). */
    void removed(Collection<Counted> executions) {
        Map<Binned, RollupDelta> sums = new LinkedHashMap<>();
        for (Counted execution : executions) {
            RollupDelta delta = execution.deliveredAt() == null ? new RollupDelta(null)
                    : RollupDelta.delivery(latencyMs(execution.createdAt(), execution.deliveredAt()), -1);
            delta.count(execution.status(), -1);
            sums.computeIfAbsent(new Binned(execution.key(), delta.latencyBin()), b -> new RollupDelta(b.bin()))
                    .add(delta);
        }
        append(sums.entrySet().stream().map(e -> Map.entry(e.getKey().key(), e.getValue())).toList());
    }

    /** Delivery latency: from the event's acceptance (the execution's creation) to the successful answer. */
    static long latencyMs(OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
        return Duration.between(createdAt, deliveredAt).toMillis();
    }

    private void append(List<Map.Entry<RollupKey, RollupDelta>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (Map.Entry<RollupKey, RollupDelta> change : changes) {
            RollupKey key = change.getKey();
            RollupDelta delta = change.getValue();
            rows.add(new Object[] {key.teamId(), key.hour(), key.projectId(), key.automationId(), key.automationName(),
                    key.actionType(), key.actionName(), delta.executions(ExecutionStatus.PENDING),
                    delta.executions(ExecutionStatus.RUNNING), delta.executions(ExecutionStatus.FINISHED),
                    delta.executions(ExecutionStatus.FAILED), delta.latencyBin(), delta.deliveries(), delta.totalMs()});
        }
        if (rows.size() == 1) {
            jdbc.update(APPEND, rows.get(0));
        } else {
            jdbc.batchUpdate(APPEND, rows);
        }
    }

    /** An execution as the rollup counts it: under its key, with its status and first delivery. */
    record Counted(RollupKey key, OffsetDateTime createdAt, ExecutionStatus status, OffsetDateTime deliveredAt) {

        /** Reads the {@link #COUNTED} columns. */
        static Counted read(java.sql.ResultSet rs) throws java.sql.SQLException {
            OffsetDateTime createdAt = rs.getObject("created_at", OffsetDateTime.class);
            return new Counted(new RollupKey(rs.getObject("team_id", UUID.class), RollupKey.hourOf(createdAt),
                    rs.getObject("project_id", UUID.class), rs.getObject("automation_id", UUID.class),
                    rs.getString("automation_name"), rs.getString("action_type"), rs.getString("action_name")),
                    createdAt, ExecutionStatus.valueOf(rs.getString("status")),
                    rs.getObject("delivered_at", OffsetDateTime.class));
        }
    }

    private record Binned(RollupKey key, Integer bin) {
    }
}
