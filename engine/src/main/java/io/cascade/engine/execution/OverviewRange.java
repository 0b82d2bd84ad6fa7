package io.cascade.engine.execution;

import io.cascade.engine.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The ranges the overview offers, and the bucket each is counted in (UTC hours or days). */
public enum OverviewRange {
    LAST_24_HOURS("24h", 24, Duration.ofHours(1)),
    LAST_7_DAYS("7d", 168, Duration.ofHours(1)),
    LAST_30_DAYS("30d", 30, Duration.ofDays(1));

    private final String label;
    private final int buckets;
    private final Duration bucket;

    OverviewRange(String label, int buckets, Duration bucket) {
        this.label = label;
        this.buckets = buckets;
        this.bucket = bucket;
    }

    public static OverviewRange parse(String value) {
        for (OverviewRange range : values()) {
            if (range.label.equals(value)) {
                return range;
            }
        }
        throw new InvalidInputException("range", "range must be one of 24h, 7d, 30d");
    }

    String label() {
        return label;
    }

    int buckets() {
        return buckets;
    }

    long bucketSeconds() {
        return bucket.toSeconds();
    }

    /** The start of the first bucket: the last bucket is the one that holds {@code now}. */
    OffsetDateTime start(Instant now) {
        long current = now.getEpochSecond() / bucketSeconds();
        return bucketStart(current - buckets + 1);
    }

    OffsetDateTime bucketStart(long index) {
        return Instant.ofEpochSecond(index * bucketSeconds()).atOffset(ZoneOffset.UTC);
    }
}
