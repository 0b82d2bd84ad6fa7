package io.cascade.api.load;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a round cost per event, counted rather than timed, so it can be compared on a busy machine:
 * CPU of this JVM (application, clients and receiver) and of the other nodes' JVMs if any, and
 * PostgreSQL's commits and rows written in the load's database (pg_stat_database, which every backend
 * updates within about a second).
 */
record RoundCost(int round, int events, long cpuNanos, long commits, long inserted, long updated, long deleted) {

    static final String HEADER = """
            | round | JVM CPU ms per event | commits per event | rows inserted / updated / deleted per event |
            |---|---|---|---|""";

    String row() {
        return String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.1f / %.1f / %.1f |", round, cpuNanos / 1e6 / events,
                (double) commits / events, (double) inserted / events, (double) updated / events,
                (double) deleted / events);
    }

    /** The counters now. */
    record Counters(long cpuNanos, long commits, long inserted, long updated, long deleted) {

        static Counters read(DataSource dataSource) throws InterruptedException {
            return read(dataSource, () -> 0);
        }

        /** With the CPU time of other nodes' processes added, so a cost per event covers every node. */
        static Counters read(DataSource dataSource, LongSupplier otherNodesCpuNanos) throws InterruptedException {
            Thread.sleep(1500); // let the backends report their last transactions
            Map<String, Object> row = JdbcClient.create(dataSource).sql("""
                            select xact_commit, tup_inserted, tup_updated, tup_deleted from pg_stat_database
                            where datname = current_database()""").query().singleRow();
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Counters(cpu + otherNodesCpuNanos.getAsLong(), number(row, "xact_commit"),
                    number(row, "tup_inserted"), number(row, "tup_updated"), number(row, "tup_deleted"));
        }

        RoundCost since(Counters before, int round, int events) {
            return new RoundCost(round, events, cpuNanos - before.cpuNanos, commits - before.commits,
                    inserted - before.inserted, updated - before.updated, deleted - before.deleted);
        }

        private static long number(Map<String, Object> row, String column) {
            return ((Number) row.get(column)).longValue();
        }
    }
}
