package io.cascade.engine.execution;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Removes the executions (and their attempts) of events that are past retention. */
@Repository
public class ExecutionRetention {

    private final JdbcClient jdbc;

    ExecutionRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Deletes every execution of these events and every attempt of those executions; rows deleted. */
    public int deleteOfEvents(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        int attempts = jdbc.sql("""
                        delete from execution_attempts
                        where execution_id in (select id from executions where event_id in (:ids))""")
                .param("ids", eventIds).update();
        return attempts + jdbc.sql("delete from executions where event_id in (:ids)").param("ids", eventIds).update();
    }
}
