package io.cascade.engine.camunda;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The waits between webhook attempts ({@code cascade.webhooks.retry-schedule}). The delivery task is
 * an external task: each failed attempt hands Camunda the retries left and the wait before the next
 * ({@link #retriesAfterFailure}, {@link #waitAfterFailure}); at 0 retries Camunda raises the incident.
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
            // an empty schedule would mean one attempt and no retry, which nobody configures on purpose
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
     * The attempts left, this one included, for an external task with the given retries. Camunda
     * leaves a task's retries null until its first failure, so a new task (a new run, or a redelivery's
     * new process instance) has the whole schedule ahead; after a failure, and after a retry from
     * Cockpit or a redelivery in place, the task's retries decide.
     */
    int attemptsLeft(Integer retries) {
        return retries == null ? attempts() : retries;
    }

    /** Whether Camunda gives up (an incident) when the attempt now running fails. */
    public boolean isLastAttempt(Integer retries) {
        return attemptsLeft(retries) <= 1;
    }

    /** The retries to hand Camunda when the attempt now running fails: 0 raises the incident. */
    public int retriesAfterFailure(Integer retries) {
        return Math.max(0, attemptsLeft(retries) - 1);
    }

    /**
     * The wait before the next attempt when the one now running fails: the schedule's wait for the
     * attempt's place in it (the first failure waits the first wait). Retries given back from Cockpit
     * beyond the schedule wait as long as the first.
     */
    public Duration waitAfterFailure(Integer retries) {
        int failed = attempts() - attemptsLeft(retries);
        return waits.get(Math.max(0, Math.min(failed, waits.size() - 1)));
    }

    /**
     * For runs started before deliveries became external tasks (their process version still delivers in
     * a job, see LegacyDeliverWebhookDelegate): whether Camunda gives up when the attempt now running in
     * the current job fails. Until the first failure the job has the engine's default retries, and that
     * failure sets them from {@link #cycle()}.
     */
    public boolean isLastAttemptOfCurrentJob() {
        CommandContext command = Context.getCommandContext();
        return isLastAttemptOfJob(command == null ? null : command.getCurrentJob());
    }

    boolean isLastAttemptOfJob(JobEntity job) {
        if (job == null) {
            return true; // not run by a job: nothing will retry it
        }
        boolean firstRun = job.getExceptionMessage() == null && job.getExceptionByteArrayId() == null;
        int attemptsLeft = firstRun ? attempts() : job.getRetries();
        return attemptsLeft <= 1;
    }
}
