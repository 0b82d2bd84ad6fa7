package io.cascade.engine.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, {@code interval} after each run ended (the first after
 * {@code firstDelay}), until {@link #stop}: the background passes of the retention, the overview and
 * the planner statistics.
 */
public final class Periodic {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;

    private Periodic(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static Periodic start(String threadName, Duration firstDelay, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(scheduler);
    }

    /**
     * Runs no more. A run under way is given up to 10 s to end, so that its statements finish before
     * the connection pool closes rather than fail as it does, and is interrupted after that.
     */
    public void stop() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
