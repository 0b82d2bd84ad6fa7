package io.cascade.api.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * An open-loop round minute by minute, so a long round shows whether a rate was sustained or reached
 * only after warm-up: for each minute from the round's start, the events offered in it with their
 * event → delivery percentiles, and the webhooks that arrived in it.
 */
final class OpenLoopMinutes {

    private static final long MINUTE = 60_000_000_000L;

    private OpenLoopMinutes() {
    }

    /**
     * @param rate       events offered per second: event i was planned at i / rate s after the start
     * @param endToEnd   each event's planned send → first delivery, in ns; Long.MAX_VALUE if it never came
     */
    static String table(int round, int rate, long[] endToEnd) {
        int events = endToEnd.length;
        long[] arrivedAt = new long[events];
        long last = 0;
        for (int i = 0; i < events; i++) {
            arrivedAt[i] = endToEnd[i] == Long.MAX_VALUE ? Long.MAX_VALUE : plannedAt(i, rate) + endToEnd[i];
            if (arrivedAt[i] != Long.MAX_VALUE) {
                last = Math.max(last, arrivedAt[i]);
            }
        }
        int minutes = (int) Math.max(last / MINUTE + 1, (plannedAt(events - 1, rate) / MINUTE) + 1);
        StringBuilder table = new StringBuilder("""
                | round | minute | events offered | their event → delivery p50 / p99 ms | webhooks arrived (per s) |
                |---|---|---|---|---|
                """);
        for (int minute = 0; minute < minutes; minute++) {
            long from = minute * MINUTE;
            long to = from + MINUTE;
            long[] offered = IntStream.range(0, events)
                    .filter(i -> plannedAt(i, rate) >= from && plannedAt(i, rate) < to)
                    .mapToLong(i -> endToEnd[i]).sorted().toArray();
            long arrived = Arrays.stream(arrivedAt).filter(t -> t >= from && t < to).count();
            table.append(String.format(Locale.ROOT, "| %d | %d | %,d | %s | %,d (%.0f) |%n", round, minute + 1,
                    offered.length, offered.length == 0 ? "" : millis(offered, 50) + " / " + millis(offered, 99),
                    arrived, arrived / 60.0));
        }
        return table.toString();
    }

    private static long plannedAt(int event, int rate) {
        return (long) (event * 1e9 / rate);
    }

    private static String millis(long[] sorted, int percent) {
        long value = sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
        return value == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.0f", value / 1e6);
    }
}
