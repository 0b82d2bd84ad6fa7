package io.cascade.api.load;

import java.util.Arrays;
import java.util.Locale;

/** One round of the load: how fast events were accepted, and how fast their webhooks arrived. */
record Round(int number, int historyBefore, int events, long acceptNanos, long[] acceptLatencies,
             long deliverNanos, long[] endToEndLatencies, int refused, int undelivered, int duplicates) {

    static final String HEADER = """
            | round | events before it | accepted events/s | accept p50 / p99 ms \
            | delivered webhooks/s | event → delivery p50 / p99 ms | refused | undelivered | duplicates |
            |---|---|---|---|---|---|---|---|---|""";

    String row() {
        return String.format(Locale.ROOT, "| %d | %,d | %,.0f | %.1f / %.1f | %,.0f | %.0f / %.0f | %d | %d | %d |",
                number, historyBefore, perSecond(events, acceptNanos),
                millis(percentile(acceptLatencies, 50)), millis(percentile(acceptLatencies, 99)),
                perSecond(events - undelivered, deliverNanos),
                millis(percentile(endToEndLatencies, 50)), millis(percentile(endToEndLatencies, 99)),
                refused, undelivered, duplicates);
    }

    private static double perSecond(int count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static double millis(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    /** The nearest-rank percentile of {@code values} (left unsorted). */
    static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
