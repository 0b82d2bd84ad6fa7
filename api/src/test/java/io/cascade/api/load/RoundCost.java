package io.cascade.api.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a round cost per event, counted rather than timed, so it can be compared on a busy machine:
 * CPU of this JVM (application, clients and receiver) and of the other nodes' JVMs if any, the
 * whole machine's CPU (Linux's /proc/stat: with PostgreSQL on the same machine and nothing else
 * running, the difference is PostgreSQL's and the kernel's share), and PostgreSQL's commits and rows
 * written in the load's database (pg_stat_database, which every backend updates within about a second).
 */
record RoundCost(int round, int events, long cpuNanos, long machineCpuNanos, long commits, long inserted,
                 long updated, long deleted) {

    static final String HEADER = """
            | round | JVM CPU ms per event | machine CPU ms per event | commits per event \
            | rows inserted / updated / deleted per event |
            |---|---|---|---|---|""";

    String row() {
        return String.format(Locale.ROOT, "| %d | %.2f | %s | %.2f | %.1f / %.1f / %.1f |", round,
                cpuNanos / 1e6 / events, machineCpuNanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f",
                        machineCpuNanos / 1e6 / events),
                (double) commits / events, (double) inserted / events, (double) updated / events,
                (double) deleted / events);
    }

    /** The counters now; machine CPU is -1 where /proc/stat cannot be read. */
    record Counters(long cpuNanos, long machineCpuNanos, long commits, long inserted, long updated, long deleted) {

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
            return new Counters(cpu + otherNodesCpuNanos.getAsLong(), machineBusyNanos(), number(row, "xact_commit"),
                    number(row, "tup_inserted"), number(row, "tup_updated"), number(row, "tup_deleted"));
        }

        RoundCost since(Counters before, int round, int events) {
            long machine = machineCpuNanos < 0 || before.machineCpuNanos < 0 ? -1
                    : machineCpuNanos - before.machineCpuNanos;
            return new RoundCost(round, events, cpuNanos - before.cpuNanos, machine, commits - before.commits,
                    inserted - before.inserted, updated - before.updated, deleted - before.deleted);
        }

        /**
         * Busy time of every core since boot: the first line of /proc/stat less idle and iowait
         * (fields 4 and 5), in clock ticks of 10 ms (USER_HZ, 100 on every Linux architecture).
         */
        static long machineBusyNanos() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long[] ticks = Arrays.stream(fields, 1, Math.min(fields.length, 9)).mapToLong(Long::parseLong).toArray();
                return (Arrays.stream(ticks).sum() - ticks[3] - ticks[4]) * 10_000_000L;
            } catch (IOException | RuntimeException unreadable) {
                return -1;
            }
        }

        private static long number(Map<String, Object> row, String column) {
            return ((Number) row.get(column)).longValue();
        }
    }
}
