package io.cascade.engine.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own, {@code interval} after each run ended (the first after
 * {@code firstDelay}), from {@link #start} until {@link #stop}: the background passes of the retention,
 * the overview and the planner statistics, whose lifecycles delegate to it.
 */
public final class Periodic {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final String threadName;
    private volatile ScheduledExecutorService scheduler;

    public Periodic(String threadName) {
        this.threadName = threadName;
    }

    public synchronized void start(Duration firstDelay, Duration interval, Runnable task) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(task, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Runs no more. A run under way is given up to 10 s to end, so that its statements finish before
     * the connection pool closes rather than fail as it does, and is interrupted after that.
     */
    public synchronized void stop() {
        ScheduledExecutorService stopping = scheduler;
        if (stopping == null) {
            return;
        }
        scheduler = null;
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
