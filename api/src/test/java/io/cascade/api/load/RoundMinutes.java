package io.cascade.api.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A round minute by minute, so a long round shows whether a rate was sustained or reached only
 * after warm-up: for each minute from the round's start, the events sent in it with their event →
 * delivery percentiles, and the webhooks that arrived in it.
 */
final class RoundMinutes {

    private static final long MINUTE = 60_000_000_000L;

    private RoundMinutes() {
    }

    /**
     * @param sentAt   each event's send time (open loop: its planned time), in ns from the round's start
     * @param endToEnd each event's send → first delivery, in ns; Long.MAX_VALUE if it never came
     */
    static String table(int round, long[] sentAt, long[] endToEnd) {
        int events = endToEnd.length;
        long[] arrivedAt = new long[events];
        long last = 0;
        for (int i = 0; i < events; i++) {
            arrivedAt[i] = endToEnd[i] == Long.MAX_VALUE ? Long.MAX_VALUE : sentAt[i] + endToEnd[i];
            last = Math.max(last, endToEnd[i] == Long.MAX_VALUE ? sentAt[i] : arrivedAt[i]);
        }
        StringBuilder table = new StringBuilder("""
                | round | minute | events sent | their event → delivery p50 / p99 ms | webhooks arrived (per s) |
                |---|---|---|---|---|
                """);
        for (int minute = 0; minute <= last / MINUTE; minute++) {
            long from = minute * MINUTE;
            long to = from + MINUTE;
            long[] sent = IntStream.range(0, events).filter(i -> sentAt[i] >= from && sentAt[i] < to)
                    .mapToLong(i -> endToEnd[i]).toArray();
            long arrived = Arrays.stream(arrivedAt).filter(t -> t >= from && t < to).count();
            table.append(String.format(Locale.ROOT, "| %d | %d | %,d | %s | %,d (%.0f) |%n", round, minute + 1,
                    sent.length, sent.length == 0 ? "" : millis(sent, 50) + " / " + millis(sent, 99),
                    arrived, arrived / 60.0));
        }
        return table.toString();
    }

    /** Whether the round (from its start to its last delivery) took longer than a minute. */
    static boolean longerThanAMinute(long deliverNanos) {
        return deliverNanos > MINUTE;
    }

    private static String millis(long[] latencies, int percent) {
        long value = Round.percentile(latencies, percent);
        return value == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.0f", value / 1e6);
    }
}
