package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aFirstRunHasTheWholeScheduleAheadWhateverTheJobsRetriesSay() {
        // until the first failure the job has the engine's default retries, not yet set from the cycle
        JobEntity firstRun = job(1, null);

        assertThat(new RetrySchedule("PT1S,PT1S").isLastAttempt(firstRun)).isFalse();
    }

    @Test
    void afterAFailureTheJobsRetriesDecide() {
        RetrySchedule schedule = new RetrySchedule("PT1S,PT1S");

        assertThat(schedule.isLastAttempt(job(2, "receiver answered HTTP 503"))).isFalse();
        assertThat(schedule.isLastAttempt(job(1, "receiver answered HTTP 503"))).isTrue();
        // a retry from Cockpit after the incident, with three retries given back
        assertThat(schedule.isLastAttempt(job(3, "receiver answered HTTP 503"))).isFalse();
    }

    @Test
    void anAttemptNotRunByAJobIsTheLast() {
        assertThat(new RetrySchedule("PT1S,PT1S").isLastAttempt(null)).isTrue();
    }

    private static JobEntity job(int retries, String exceptionMessage) {
        JobEntity job = new MessageEntity();
        job.setRetriesFromPersistence(retries);
        job.setExceptionMessage(exceptionMessage);
        return job;
    }
}
