package io.cascade.engine.camunda;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * For webhook runs still delivered by a job (process versions from before the delivery worker), and
 * any other job that fails with a {@link RetryAfter}: Camunda schedules the next attempt from the retry cycle; when the receiver asked for more time
 * (Retry-After on a 429 or 503), the next attempt waits that long instead, up to a bound.
 */
final class RetryAfterJobCommands implements FailedJobCommandFactory {

    private final FailedJobCommandFactory defaults = new DefaultFailedJobCommandFactory();
    private final Duration maxRetryAfter;

    RetryAfterJobCommands(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable failure) {
        Command<Object> scheduleByCycle = defaults.getCommand(jobId, failure);
        Duration retryAfter = retryAfter(failure);
        if (retryAfter == null) {
            return scheduleByCycle;
        }
        Duration wait = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        return context -> {
            scheduleByCycle.execute(context);
            JobEntity job = context.getJobManager().findJobById(jobId);
            Date requested = Date.from(Instant.now().plus(wait));
            if (job != null && job.getRetries() > 0 && (job.getDuedate() == null || job.getDuedate().before(requested))) {
                job.setDuedate(requested);
            }
            return null;
        };
    }

    private static Duration retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryAfter asked) {
                return asked.retryAfter();
            }
        }
        return null;
    }
}
