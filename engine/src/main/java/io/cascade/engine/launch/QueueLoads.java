package io.cascade.engine.launch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How loaded each queue is now: runs waiting and running, and how long the oldest has waited. One
 * grouped query over the live external tasks (finished runs are no longer there), so it stays cheap
 * however long the history grows.
 */
@Component
public class QueueLoads {

    /** A bound on the queues reported, busiest first, so a metrics scrape never grows without limit. */
    public static final int MAX_QUEUES = 100;

    private static final String TOPIC = "launch-job";

    private final JdbcClient jdbc;

    QueueLoads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<QueueLoad> now() {
        Instant now = Instant.now();
        // Camunda's timestamps are in the JVM's zone; a Timestamp parameter is read the same way
        return jdbc.sql("""
                        select t.tenant_id_ as team, v.text_ as queue,
                               sum(case when t.lock_exp_time_ > :now then 0 else 1 end) as queued,
                               sum(case when t.lock_exp_time_ > :now then 1 else 0 end) as running,
                               min(case when t.lock_exp_time_ > :now then null else t.create_time_ end) as oldest
                        from act_ru_ext_task t
                        join act_ru_variable v on v.proc_inst_id_ = t.proc_inst_id_
                             and v.execution_id_ = t.proc_inst_id_ and v.name_ = 'queue'
                        where t.topic_name_ = :topic
                        group by t.tenant_id_, v.text_
                        order by count(*) desc, t.tenant_id_, v.text_ limit :max""")
                .param("now", Timestamp.from(now))
                .param("topic", TOPIC)
                .param("max", MAX_QUEUES)
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new QueueLoad(rs.getString("team"), rs.getString("queue"), rs.getLong("queued"),
                            rs.getLong("running"),
                            oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now));
                })
                .list();
    }

    /** {@code oldestWait} is how long the oldest waiting run has waited; zero when none waits. */
    public record QueueLoad(String team, String queue, long queued, long running, Duration oldestWait) {
    }
}
