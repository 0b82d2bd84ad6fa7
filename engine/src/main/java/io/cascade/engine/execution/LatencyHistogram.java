package io.cascade.engine.execution;

import java.util.List;

/**
 * Delivery latencies kept as counts per bin instead of one value per delivery. Below 32 ms a bin
 * is one millisecond; above, every doubling is split into 16 equal bins, so a bin is at most 1/16
 * (6.25%) of the latencies it holds wide. Each bin also keeps the sum of its latencies, and a
 * percentile reads a bin as its mean: exact when a bin holds one value, within the bin's width otherwise.
 */
final class LatencyHistogram {

    private static final int EXACT_BELOW_MS = 32;
    private static final int SUB_BINS_BITS = 4;
    private static final int EXACT_BITS = 5;

    private LatencyHistogram() {
    }

    /** The bin of a latency; a negative one (clocks of two nodes apart) counts as 0 ms. */
    static int bin(long ms) {
        long value = Math.max(ms, 0);
        if (value < EXACT_BELOW_MS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) ((value >> (exponent - SUB_BINS_BITS)) & ((1 << SUB_BINS_BITS) - 1));
        return EXACT_BELOW_MS + ((exponent - EXACT_BITS) << SUB_BINS_BITS) + sub;
    }

    /** What a latency adds to its bin's sum: negative ones count as 0 ms, as in {@link #bin}. */
    static long counted(long ms) {
        return Math.max(ms, 0);
    }

    /**
     * PostgreSQL's percentile_cont over the deliveries of {@code ascending} bins (each delivery read
     * as its bin's mean), rounded to the millisecond; null without deliveries.
     */
    static Long percentile(List<Bin> ascending, double fraction) {
        long total = ascending.stream().mapToLong(Bin::deliveries).sum();
        if (total == 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long below = (long) Math.floor(position);
        double lower = valueAt(ascending, below);
        double upper = position > below ? valueAt(ascending, below + 1) : lower;
        return Math.round(lower + (position - below) * (upper - lower));
    }

    private static double valueAt(List<Bin> ascending, long rank) {
        long seen = 0;
        for (Bin bin : ascending) {
            seen += bin.deliveries();
            if (rank < seen) {
                return (double) bin.totalMs() / bin.deliveries();
            }
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " deliveries");
    }

    /** A bin with deliveries in it (bins without are left out). */
    record Bin(int bin, long deliveries, long totalMs) {

        Bin {
            if (deliveries <= 0) {
                throw new IllegalArgumentException("a bin holds at least one delivery, not " + deliveries);
            }
        }
    }
}
