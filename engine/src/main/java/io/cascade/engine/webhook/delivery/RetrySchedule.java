package io.cascade.engine.webhook.delivery;

import java.time.Duration;
import java.time.format.DateTimeParseException;
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
                .map(RetrySchedule::parse)
                .toList();
    }

    private static Duration parse(String wait) {
        try {
            return Duration.parse(wait);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cascade.webhooks.retry-schedule: '" + wait
                    + "' is not an ISO-8601 duration such as PT5S or PT2H");
        }
    }

    public String cycle() {
        return String.join(",", waits.stream().map(Duration::toString).toList());
    }

    /** The first attempt and one per wait. */
    public int attempts() {
        return waits.size() + 1;
    }
}
