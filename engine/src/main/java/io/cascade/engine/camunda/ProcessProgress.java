package io.cascade.engine.camunda;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Camunda knows about executions in flight that Cascade's own tables do not: when a failed
 * delivery is retried and whether an agent holds a launch's external task. A webhook delivery's
 * external task is held by Cascade's own worker, never an agent; after a failed attempt Camunda keeps
 * it locked until the retry is due, so its lock's expiry is the next attempt's time (while the retry
 * itself is out, for the few seconds of an attempt, it is the retry's lock expiry). Runs started
 * before the delivery worker are retried by a job: its due date.
 */
@Component
public class ProcessProgress {

    /**
     * Whether an agent holds the external task of the process instance in {@code column}; the
     * query binds the current time as {@code :now}.
     */
    public static String lockedByAgent(String column) {
        return "exists (select 1 from act_ru_ext_task ext where ext.proc_inst_id_ = " + column
                + " and ext.lock_exp_time_ > :now and ext.topic_name_ <> '" + ActionProcesses.WEBHOOK_TOPIC + "')";
    }

    /** The value to bind as {@code :now}: Camunda's columns hold the JVM's local time. */
    public static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private final JdbcClient jdbc;

    ProcessProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The progress of each of these process instances that has any; at most one page's worth. */
    public Map<String, Progress> of(Collection<String> processInstanceIds) {
        Map<String, Progress> progress = new HashMap<>();
        var ids = processInstanceIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return progress;
        }
        jdbc.sql("""
                        select process_instance_id_, duedate_ from act_ru_job
                        where process_instance_id_ in (:ids) and duedate_ is not null and retries_ > 0""")
                .param("ids", ids)
                .query((rs, n) -> progress.put(rs.getString(1),
                        new Progress(time(rs.getTimestamp(2)), false)))
                .list();
        jdbc.sql("""
                        select proc_inst_id_, lock_exp_time_ from act_ru_ext_task
                        where proc_inst_id_ in (:ids) and topic_name_ = :topic and retries_ > 0
                        and error_msg_ is not null and lock_exp_time_ > :now""")
                .param("ids", ids).param("topic", ActionProcesses.WEBHOOK_TOPIC).param("now", now())
                .query((rs, n) -> progress.put(rs.getString(1), new Progress(time(rs.getTimestamp(2)), false)))
                .list();
        jdbc.sql("""
                        select proc_inst_id_ from act_ru_ext_task
                        where proc_inst_id_ in (:ids) and lock_exp_time_ > :now and topic_name_ <> :topic""")
                .param("ids", ids).param("now", now()).param("topic", ActionProcesses.WEBHOOK_TOPIC)
                .query((rs, n) -> progress.merge(rs.getString(1), new Progress(null, true),
                        (known, locked) -> new Progress(known.nextAttemptAt(), true)))
                .list();
        return progress;
    }

    private static OffsetDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** A retry's due time (null when none is scheduled), and whether an agent works on it now. */
    public record Progress(OffsetDateTime nextAttemptAt, boolean lockedByAgent) {
    }
}
