package io.cascade.engine.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Events being received come first. Background work (matching queued events, fetching webhooks to
 * deliver) gives way while {@code giveWayAt} or more event submissions are being served on this node,
 * so a node whose cores are all busy still accepts an event within milliseconds, and the work the
 * event starts waits in the inbox instead of the sender waiting for a connection. Background work
 * gives way for at most {@code longestWait} at a time, so it never stops for long, whatever the
 * requests. Once an event is accepted it is never lost; what giving way changes is only who waits.
 */
@Component
public class IntakePriority {

    private static final long CHECK_EVERY_NANOS = Duration.ofMillis(1).toNanos();

    private final AtomicInteger receiving = new AtomicInteger();
    private final int giveWayAt;
    private final long longestWaitNanos;

    public IntakePriority(@Value("${cascade.intake.give-way-at:4}") int giveWayAt,
                          @Value("${cascade.intake.longest-give-way:PT0.5S}") Duration longestWait) {
        if (giveWayAt < 0 || longestWait.isNegative()) {
            throw new IllegalArgumentException("cascade.intake.give-way-at and cascade.intake.longest-give-way must "
                    + "not be negative");
        }
        this.giveWayAt = giveWayAt;
        this.longestWaitNanos = longestWait.toNanos();
    }

    /** An event submission started being served. */
    public void receiving() {
        receiving.incrementAndGet();
    }

    /** An event submission was answered (or failed). */
    public void answered() {
        receiving.decrementAndGet();
    }

    /** Event submissions being served right now. */
    public int beingReceived() {
        return receiving.get();
    }

    /**
     * Before a unit of background work, holding no database connection: waits while {@code giveWayAt}
     * or more submissions are being served, at most {@code longestWait}; returns at once otherwise
     * (and always when {@code giveWayAt} is 0).
     */
    public void giveWay() throws InterruptedException {
        if (giveWayAt == 0 || receiving.get() < giveWayAt) {
            return;
        }
        long start = System.nanoTime();
        long waited = 0;
        while (receiving.get() >= giveWayAt && waited < longestWaitNanos) {
            LockSupport.parkNanos(Math.min(CHECK_EVERY_NANOS, longestWaitNanos - waited));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            waited = System.nanoTime() - start;
        }
    }
}
