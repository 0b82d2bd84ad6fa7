package io.cascade.engine.execution;

/**
 * What changes in the overview's counts for one {@link RollupKey}: executions per status (signed)
 * and, for a delivery, its latency bin. Mutable: changes of one key add up before they are written.
 */
final class RollupDelta {

    private final long[] byStatus = new long[ExecutionStatus.values().length];
    private final Integer latencyBin;
    private long deliveries;
    private long totalMs;

    RollupDelta(Integer latencyBin) {
        this.latencyBin = latencyBin;
    }

    /** The change of one execution entering {@code to} from {@code from} (null: it did not exist or no longer does). */
    static RollupDelta of(ExecutionStatus from, ExecutionStatus to) {
        RollupDelta delta = new RollupDelta(null);
        delta.count(from, -1);
        delta.count(to, 1);
        return delta;
    }

    /** A delivery (+1) or its removal (-1), which the latency histogram counts. */
    static RollupDelta delivery(long latencyMs, int sign) {
        RollupDelta delta = new RollupDelta(LatencyHistogram.bin(latencyMs));
        delta.deliveries = sign;
        delta.totalMs = sign * LatencyHistogram.counted(latencyMs);
        return delta;
    }

    void count(ExecutionStatus status, long executions) {
        if (status != null) {
            byStatus[status.ordinal()] += executions;
        }
    }

    void addDeliveries(long more, long moreMs) {
        deliveries += more;
        totalMs += moreMs;
    }

    void add(RollupDelta other) {
        for (int i = 0; i < byStatus.length; i++) {
            byStatus[i] += other.byStatus[i];
        }
        deliveries += other.deliveries;
        totalMs += other.totalMs;
    }

    long executions(ExecutionStatus status) {
        return byStatus[status.ordinal()];
    }

    /** Executions added (positive) or removed (negative) in all. */
    long total() {
        long sum = 0;
        for (long count : byStatus) {
            sum += count;
        }
        return sum;
    }

    Integer latencyBin() {
        return latencyBin;
    }

    long deliveries() {
        return deliveries;
    }

    long totalMs() {
        return totalMs;
    }

    boolean isEmpty() {
        for (long count : byStatus) {
            if (count != 0) {
                return false;
            }
        }
        return deliveries == 0 && totalMs == 0;
    }
}
