package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    }
}
