package io.cascade.engine.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Removes the executions (and their attempts) of events that are past retention. */
@Repository
public class ExecutionRetention {

    /** Well under the JDBC drivers' limit of bind parameters, however many runs an event started. */
    private static final int IDS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;
    private final OverviewChanges overview;

    ExecutionRetention(JdbcClient jdbc, OverviewChanges overview) {
        this.jdbc = jdbc;
        this.overview = overview;
    }

    /**
     * The events among {@code eventIds} with a run still PENDING or RUNNING. Every execution of these
     * events stays locked until the caller's transaction ends, so a redelivery (which locks its
     * execution first) cannot revive a run between this check and its removal.
     */
    public Set<UUID> eventsStillRunning(Collection<UUID> eventIds) {
        Set<UUID> running = new HashSet<>();
        if (eventIds.isEmpty()) {
            return running;
        }
        jdbc.sql("select event_id, status from executions where event_id in (:ids) for update")
                .param("ids", eventIds)
                .query(rs -> {
                    ExecutionStatus status = ExecutionStatus.valueOf(rs.getString("status"));
                    if (status == ExecutionStatus.PENDING || status == ExecutionStatus.RUNNING) {
                        running.add(rs.getObject("event_id", UUID.class));
                    }
                });
        return running;
    }

    /**
     * Deletes every execution of these events and every attempt of those executions, and takes them
     * out of the overview's counts; rows deleted.
     */
    public int deleteOfEvents(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        // attempts by execution id, through their index: joined to executions, PostgreSQL scans every attempt
        List<UUID> executionIds = new ArrayList<>();
        List<OverviewChanges.Counted> counted = new ArrayList<>();
        jdbc.sql("select id, " + OverviewChanges.COUNTED + " from executions where event_id in (:ids)")
                .param("ids", eventIds)
                .query(rs -> {
                    executionIds.add(rs.getObject("id", UUID.class));
                    counted.add(OverviewChanges.Counted.read(rs));
                });
        overview.removed(counted);
        int attempts = 0;
        for (int from = 0; from < executionIds.size(); from += IDS_PER_STATEMENT) {
            attempts += jdbc.sql("delete from execution_attempts where execution_id in (:ids)")
                    .param("ids", executionIds.subList(from, Math.min(from + IDS_PER_STATEMENT, executionIds.size())))
                    .update();
        }
        return attempts + jdbc.sql("delete from executions where event_id in (:ids)").param("ids", eventIds).update();
    }
}
