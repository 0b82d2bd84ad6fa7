package io.cascade.engine.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Spaces the inbox's batches while events arrive one by one: after a batch smaller than the batch size, the next
 * batch on this node is taken by one thread, no sooner than {@code window} after the previous one started: at 200
 * events/s a 20 ms window gathers four, where every queued event woke a thread to take what was there, each batch
 * a transaction, a gate lock per project and a Camunda flush of its own. An event arriving on a quiet node is taken
 * at once, and a backlog (full batches) is taken by every thread without waiting.
 */
final class Gathering {

    /** Sleeps for the given nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long windowNanos;
    private final int batchSize;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final AtomicLong nextTake;
    private volatile boolean gathering;

    Gathering(Duration window, int batchSize) {
        this(window, batchSize, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    Gathering(Duration window, int batchSize, LongSupplier clock, Sleeper sleeper) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("cascade.events.inbox.gather must not be negative, not " + window);
        }
        this.windowNanos = window.toNanos();
        this.batchSize = batchSize;
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextTake = new AtomicLong(clock.getAsLong());
    }

    /**
     * Returns once this thread may take a batch: at once, or while gathering at the start of the next window,
     * {@code window} after the previous batch on this node started.
     */
    void awaitTurn() throws InterruptedException {
        while (true) {
            long now = clock.getAsLong();
            long next = nextTake.get();
            if (!gathering || windowNanos == 0) {
                nextTake.set(now + windowNanos);
                return;
            }
            if (now - next >= 0) {
                if (nextTake.compareAndSet(next, now + windowNanos)) {
                    return; // this thread takes what arrived since the last batch; the others wait for the next window
                }
            } else {
                sleeper.sleep(next - now);
            }
        }
    }

    /** A batch of {@code taken} events ended: events arrive one by one while batches come out partly filled. */
    void taken(int taken) {
        gathering = taken > 0 && taken < batchSize;
    }
}
