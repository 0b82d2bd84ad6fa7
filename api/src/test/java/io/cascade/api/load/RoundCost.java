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
 * CPU of this JVM (application, clients and receiver) and of the other nodes' JVMs if any; on Linux,
 * the CPU of the machine's PostgreSQL processes (every database's, so only with PostgreSQL on this
 * machine and idle otherwise; backends that exit during the round are not counted) and of the whole
 * machine (/proc/stat: the rest is the kernel's and other processes'); and PostgreSQL's commits and
 * rows written in the load's database (pg_stat_database, which every backend updates within about a
 * second).
 */
record RoundCost(int round, int events, long cpuNanos, long postgresCpuNanos, long machineCpuNanos, long commits,
                 long inserted, long updated, long deleted) {

    static final String HEADER = """
            | round | JVM CPU ms per event | PostgreSQL processes' CPU ms per event | machine CPU ms per event \
            | commits per event | rows inserted / updated / deleted per event |
            |---|---|---|---|---|---|""";

    String row() {
        return String.format(Locale.ROOT, "| %d | %.2f | %s | %s | %.2f | %.1f / %.1f / %.1f |", round,
                cpuNanos / 1e6 / events, perEvent(postgresCpuNanos), perEvent(machineCpuNanos),
                (double) commits / events, (double) inserted / events, (double) updated / events,
                (double) deleted / events);
    }

    private String perEvent(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1e6 / events);
    }

    /** The counters now; the CPU of PostgreSQL and the machine is -1 where /proc cannot be read. */
    record Counters(long cpuNanos, long postgresCpuNanos, long machineCpuNanos, long commits, long inserted,
                    long updated, long deleted) {

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
            return new Counters(cpu + otherNodesCpuNanos.getAsLong(), postgresNanos(), machineBusyNanos(),
                    number(row, "xact_commit"), number(row, "tup_inserted"), number(row, "tup_updated"),
                    number(row, "tup_deleted"));
        }

        RoundCost since(Counters before, int round, int events) {
            return new RoundCost(round, events, cpuNanos - before.cpuNanos,
                    difference(postgresCpuNanos, before.postgresCpuNanos),
                    difference(machineCpuNanos, before.machineCpuNanos), commits - before.commits,
                    inserted - before.inserted, updated - before.updated, deleted - before.deleted);
        }

        private static long difference(long now, long before) {
            return now < 0 || before < 0 ? -1 : now - before;
        }

        /** User and system time of the processes named postgres (fields 14 and 15 of /proc/<pid>/stat), in 10 ms ticks. */
        static long postgresNanos() {
            try (var processes = Files.list(Path.of("/proc"))) {
                long ticks = 0;
                for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .toList()) {
                    ticks += postgresTicks(process.resolve("stat"));
                }
                return ticks * 10_000_000L;
            } catch (IOException | RuntimeException unreadable) {
                return -1;
            }
        }

        private static long postgresTicks(Path stat) {
            String line;
            try {
                line = Files.readString(stat);
            } catch (IOException gone) {
                return 0; // exited since the listing
            }
            int close = line.lastIndexOf(')'); // the name may hold spaces and parentheses
            if (!line.substring(line.indexOf('(') + 1, close).equals("postgres")) {
                return 0;
            }
            String[] fields = line.substring(close + 2).split(" "); // from field 3 (state) on
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
