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
 * The overview aggregate, read from the rollup (counts per hour and key, latency histograms per
 * hour) together with the changes not folded into it yet, each query in one statement so that it
 * sees both as of one moment: a few thousand rows for 30 days, however many executions they count.
 */
@Component
public class OverviewQueries {

    static final int TOP = 5;
    private static final String COUNTS = "epoch_hour, project_id, automation_id, automation_name, action_type, action_name,"
            + " pending, running, finished, failed";

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
        Map<String, Object> params = new HashMap<>(Map.of("team", teamId, "from", RollupKey.hourOf(from)));
        if (projectId != null) {
            params.put("project", projectId);
        }
        Scope scope = new Scope(projectId == null ? "team_id = :team and epoch_hour >= :from"
                : "team_id = :team and project_id = :project and epoch_hour >= :from", params);
        List<Overview.Bucket> buckets = buckets(scope, range, from);
        long finished = buckets.stream().mapToLong(Overview.Bucket::finished).sum();
        long failed = buckets.stream().mapToLong(Overview.Bucket::failed).sum();
        List<LatencyHistogram.Bin> latency = latency(scope, projectId == null ? "overview_team_latency"
                : "overview_latency");
        return new Overview(range.label(), range.bucketSeconds() == 3600 ? "hour" : "day", from, buckets,
                finished + failed == 0 ? null : (double) finished / (finished + failed),
                LatencyHistogram.percentile(latency, 0.5), LatencyHistogram.percentile(latency, 0.95),
                failing(scope, "automation_id", "max(x.automation_name)", ""),
                failing(scope.with("webhookType", webhookType), "action_name", "x.action_name",
                        " where x.action_type = :webhookType"),
                disabledWebhooks);
    }

    /** The rollup's counts in scope, with the changes not folded into them yet. */
    private static String counts(Scope scope) {
        return "(select %1$s from overview_hours where %2$s union all select %1$s from overview_changes where %2$s) x"
                .formatted(COUNTS, scope.where());
    }

    private List<Overview.Bucket> buckets(Scope scope, OverviewRange range, OffsetDateTime from) {
        long hoursPerBucket = range.bucketSeconds() / 3600;
        long first = from.toEpochSecond() / range.bucketSeconds();
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.sql("select x.epoch_hour, sum(x.pending), sum(x.running), sum(x.finished), sum(x.failed) from " + counts(scope)
                        + " group by x.epoch_hour")
                .params(scope.params())
                .query((rs, n) -> {
                    long[] row = counts.computeIfAbsent(Math.floorDiv(rs.getLong(1), hoursPerBucket), b -> new long[4]);
                    for (int status = 0; status < row.length; status++) {
                        row[status] += rs.getLong(status + 2);
                    }
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

    /** The latency histogram of the range: deliveries per bin, ascending (LatencyHistogram). */
    private List<LatencyHistogram.Bin> latency(Scope scope, String table) {
        return jdbc.sql("""
                        select l.bin, sum(l.deliveries), sum(l.total_ms) from (
                        select bin, deliveries, total_ms from %1$s where %2$s
                        union all select latency_bin, deliveries, total_ms from overview_changes
                        where %2$s and latency_bin is not null) l
                        group by l.bin having sum(l.deliveries) > 0 order by l.bin"""
                        .formatted(table, scope.where()))
                .params(scope.params())
                .query((rs, n) -> new LatencyHistogram.Bin(rs.getInt(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    private List<Overview.Failing> failing(Scope scope, String key, String name, String condition) {
        return jdbc.sql("""
                        select x.%1$s, %2$s, sum(x.failed) as failures,
                        sum(x.pending + x.running + x.finished + x.failed) as runs
                        from %3$s%4$s group by x.%1$s having sum(x.failed) > 0
                        order by failures desc, runs desc, %2$s fetch first %5$d rows only"""
                        .formatted(key, name, counts(scope), condition, TOP))
                .params(scope.params())
                .query((rs, n) -> new Overview.Failing(key.equals("automation_id") ? rs.getObject(1, UUID.class) : null,
                        blankToNull(rs.getString(2)), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Runs from before action names were recorded are counted under ''. */
    private static String blankToNull(String name) {
        return name == null || name.isEmpty() ? null : name;
    }

    private record Scope(String where, Map<String, Object> params) {

        Scope with(String name, Object value) {
            Map<String, Object> more = new HashMap<>(params);
            more.put(name, value);
            return new Scope(where, more);
        }
    }
}
