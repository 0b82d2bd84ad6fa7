package io.cascade.engine.camunda;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

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
        if (waits.isEmpty()) {
            // Camunda reads an empty cycle as "its default of 3 tries", which history would not know
            throw new IllegalArgumentException("cascade.webhooks.retry-schedule names no wait; give at least one, "
                    + "such as PT5S");
        }
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

    /**
     * Whether Camunda gives up when the attempt now running fails. Decided by the retries of the
     * job running it, not by the execution's attempt count, so a redelivery (a new process
     * instance, a new job) gets the whole schedule again and a retry from Cockpit the retries set
     * there; a Retry-After postponement uses up a retry like any failure.
     */
    public boolean isLastAttempt() {
        CommandContext command = Context.getCommandContext();
        return isLastAttempt(command == null ? null : command.getCurrentJob());
    }

    boolean isLastAttempt(JobEntity job) {
        if (job == null) {
            return true; // not run by a job: nothing will retry it
        }
        // Camunda's own test for a first run: until the first failure the job has the engine's
        // default retries, and that failure sets them from this schedule's cycle.
        boolean firstRun = job.getExceptionMessage() == null && job.getExceptionByteArrayId() == null;
        int attemptsLeft = firstRun ? attempts() : job.getRetries();
        return attemptsLeft <= 1;
    }
}
