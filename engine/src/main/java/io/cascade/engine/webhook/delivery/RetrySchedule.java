package io.cascade.engine.webhook.delivery;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The waits between webhook attempts ({@code cascade.webhooks.retry-schedule}); the BPMN hands
 * {@link #cycle()} to Camunda's failedJobRetryTimeCycle, so the job executor does the retrying.
 */
public final class RetrySchedule {

    private final List<Duration> waits;

    public RetrySchedule(String schedule) {
        this.waits = Arrays.stream(schedule.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Duration::parse)
                .toList();
    }

    public String cycle() {
        return String.join(",", waits.stream().map(Duration::toString).toList());
    }

    /** The first attempt and one per wait. */
    public int attempts() {
        return waits.size() + 1;
    }
}
