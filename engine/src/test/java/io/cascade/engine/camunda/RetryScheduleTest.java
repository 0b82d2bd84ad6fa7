package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultScheduleMeansTenAttempts() {
        RetrySchedule schedule = new RetrySchedule("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT14H,PT20H,PT24H");

        assertThat(schedule.attempts()).isEqualTo(10);
        assertThat(schedule.cycle()).isEqualTo("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT14H,PT20H,PT24H");
    }

    @Test
    void spacesAreAllowedBetweenDurations() {
        assertThat(new RetrySchedule("PT1S, PT2S").cycle()).isEqualTo("PT1S,PT2S");
    }

    @Test
    void aMalformedDurationIsRefusedAtStartup() {
        assertThatThrownBy(() -> new RetrySchedule("5 seconds")).hasMessageContaining("5 seconds");
        assertThatThrownBy(() -> new RetrySchedule(" , ")).hasMessageContaining("names no wait");
    }

    @Test
    void aFirstRunHasTheWholeScheduleAhead() {
        // Camunda leaves an external task's retries null until its first failure
        RetrySchedule schedule = new RetrySchedule("PT1S,PT2S");

        assertThat(schedule.isLastAttempt(null)).isFalse();
        assertThat(schedule.retriesAfterFailure(null)).isEqualTo(2);
        assertThat(schedule.waitAfterFailure(null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void afterAFailureTheTasksRetriesDecide() {
        RetrySchedule schedule = new RetrySchedule("PT1S,PT2S");

        assertThat(schedule.isLastAttempt(2)).isFalse();
        assertThat(schedule.waitAfterFailure(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.retriesAfterFailure(2)).isEqualTo(1);
        assertThat(schedule.isLastAttempt(1)).isTrue();
        assertThat(schedule.retriesAfterFailure(1)).isZero();
        // a retry from Cockpit after the incident, with three retries given back
        assertThat(schedule.isLastAttempt(3)).isFalse();
        assertThat(schedule.waitAfterFailure(3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTaskWithNoRetriesLeftIsOnItsLastAttempt() {
        assertThat(new RetrySchedule("PT1S,PT1S").isLastAttempt(0)).isTrue();
        assertThat(new RetrySchedule("PT1S,PT1S").retriesAfterFailure(0)).isZero();
    }

    @Test
    void aRunStillDeliveredByAJobHasTheWholeScheduleAheadOnItsFirstRun() {
        // until the first failure the job has the engine's default retries, not yet set from the cycle
        assertThat(new RetrySchedule("PT1S,PT1S").isLastAttemptOfJob(job(1, null))).isFalse();
    }

    @Test
    void afterAFailureTheJobsRetriesDecide() {
        RetrySchedule schedule = new RetrySchedule("PT1S,PT1S");

        assertThat(schedule.isLastAttemptOfJob(job(2, "receiver answered HTTP 503"))).isFalse();
        assertThat(schedule.isLastAttemptOfJob(job(1, "receiver answered HTTP 503"))).isTrue();
        assertThat(schedule.isLastAttemptOfJob(job(3, "receiver answered HTTP 503"))).isFalse();
    }

    @Test
    void anAttemptNotRunByAJobIsTheLast() {
        assertThat(new RetrySchedule("PT1S,PT1S").isLastAttemptOfJob(null)).isTrue();
    }

    private static JobEntity job(int retries, String exceptionMessage) {
        JobEntity job = new MessageEntity();
        job.setRetriesFromPersistence(retries);
        job.setExceptionMessage(exceptionMessage);
        return job;
    }
}
