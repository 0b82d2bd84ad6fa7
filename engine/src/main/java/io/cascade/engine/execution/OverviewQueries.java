package io.cascade.engine.execution;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The overview aggregate, counted by the database over the executions index of the team or
 * project: Java only sees a row per bucket and status, two percentiles and the top five.
 */
@Component
public class OverviewQueries {

    static final int TOP = 5;

    private final JdbcClient jdbc;

    OverviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The overview of a team, or of one of its projects when {@code projectId} is not null. The
     * webhooks that fail most are the actions of {@code webhookType}; the disabled webhooks are the
     * webhook feature's to say.
     */
    public Overview overview(UUID teamId, UUID projectId, OverviewRange range, String webhookType,
                             List<Overview.DisabledWebhook> disabledWebhooks) {
        OffsetDateTime from = range.start(Instant.now());
        Scope scope = new Scope(projectId == null ? "x.team_id = :team" : "x.team_id = :team and x.project_id = :project",
                projectId == null ? Map.of("team", teamId, "from", from)
                        : Map.of("team", teamId, "project", projectId, "from", from));
        List<Overview.Bucket> buckets = buckets(scope, range, from);
        long finished = buckets.stream().mapToLong(Overview.Bucket::finished).sum();
        long failed = buckets.stream().mapToLong(Overview.Bucket::failed).sum();
        Latency latency = latency(scope);
        return new Overview(range.label(), range.bucketSeconds() == 3600 ? "hour" : "day", from, buckets,
                finished + failed == 0 ? null : (double) finished / (finished + failed),
                latency.p50(), latency.p95(),
                failing(scope, "automation_id", "max(x.automation_name)", ""),
                failing(scope.with("webhookType", webhookType), "action_name", "x.action_name",
                        " and x.action_type = :webhookType"),
                disabledWebhooks);
    }

    private List<Overview.Bucket> buckets(Scope scope, OverviewRange range, OffsetDateTime from) {
        long first = from.toEpochSecond() / range.bucketSeconds();
        Map<Long, long[]> counts = new HashMap<>();
        String bucket = "cast(floor(extract(epoch from x.created_at)) as bigint) / " + range.bucketSeconds();
        jdbc.sql("select " + bucket + " as bucket, x.status, count(*) from executions x where " + scope.where()
                        + " and x.created_at >= :from group by " + bucket + ", x.status")
                .params(scope.params())
                .query((rs, n) -> {
                    long[] row = counts.computeIfAbsent(rs.getLong(1), b -> new long[4]);
                    row[ExecutionStatus.valueOf(rs.getString(2)).ordinal()] += rs.getLong(3);
                    return null;
                })
                .list();
        List<Overview.Bucket> buckets = new ArrayList<>(range.buckets());
        for (long index = first; index < first + range.buckets(); index++) {
            long[] row = counts.getOrDefault(index, new long[4]);
            buckets.add(new Overview.Bucket(range.bucketStart(index), row[0], row[1], row[2], row[3]));
        }
        return buckets;
    }

    /** From the event's acceptance (the execution is created in that transaction) to the successful answer. */
    private Latency latency(Scope scope) {
        return jdbc.sql("""
                        select percentile_cont(0.5) within group (order by l.ms), percentile_cont(0.95) within group (order by l.ms)
                        from (select (extract(epoch from x.delivered_at) - extract(epoch from x.created_at)) * 1000 as ms
                        from executions x where %s and x.created_at >= :from and x.delivered_at is not null) l"""
                        .formatted(scope.where()))
                .params(scope.params())
                .query((rs, n) -> new Latency(round(rs.getObject(1)), round(rs.getObject(2))))
                .single();
    }

    private List<Overview.Failing> failing(Scope scope, String key, String name, String condition) {
        return jdbc.sql("""
                        select %1$s, %2$s, sum(case when x.status = 'FAILED' then 1 else 0 end) as failed, count(*)
                        from executions x where %3$s and x.created_at >= :from%4$s group by %1$s
                        having sum(case when x.status = 'FAILED' then 1 else 0 end) > 0
                        order by failed desc, count(*) desc, %2$s fetch first %5$d rows only"""
                        .formatted("x." + key, name, scope.where(), condition, TOP))
                .params(scope.params())
                .query((rs, n) -> new Overview.Failing(key.equals("automation_id") ? rs.getObject(1, UUID.class) : null,
                        rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    private static Long round(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }

    private record Scope(String where, Map<String, Object> params) {

        Scope with(String name, Object value) {
            Map<String, Object> more = new HashMap<>(params);
            more.put(name, value);
            return new Scope(where, more);
        }
    }

    private record Latency(Long p50, Long p95) {
    }
}
