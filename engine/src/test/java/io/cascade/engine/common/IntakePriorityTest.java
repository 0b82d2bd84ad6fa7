package io.cascade.engine.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background work gives way while enough event submissions are being served, and never for longer than allowed. */
class IntakePriorityTest {

    @Test
    void fewerSubmissionsThanTheThresholdDoNotHoldBackgroundWork() throws InterruptedException {
        IntakePriority priority = new IntakePriority(2, Duration.ofSeconds(1));
        priority.receiving();

        assertThat(timeGivenWay(priority)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void backgroundWorkWaitsUntilTheSubmissionsAreAnswered() throws Exception {
        IntakePriority priority = new IntakePriority(2, Duration.ofHours(1));
        priority.receiving();
        priority.receiving();

        CompletableFuture<Long> returnedAt = CompletableFuture.supplyAsync(() -> {
            try {
                priority.giveWay();
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(returnedAt).as("still giving way while two submissions are served").isNotDone();
        long answeredAt = System.nanoTime();
        priority.answered();

        assertThat(returnedAt.get(10, TimeUnit.SECONDS)).as("returned only once one was answered")
                .isGreaterThanOrEqualTo(answeredAt);
        assertThat(priority.beingReceived()).isEqualTo(1);
    }

    @Test
    void backgroundWorkGivesWayNoLongerThanTheLongestWait() throws InterruptedException {
        IntakePriority priority = new IntakePriority(1, Duration.ofMillis(100));
        priority.receiving(); // never answered

        Duration waited = timeGivenWay(priority);

        assertThat(waited).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void zeroSwitchesItOff() throws InterruptedException {
        IntakePriority priority = new IntakePriority(0, Duration.ofSeconds(1));
        priority.receiving();
        priority.receiving();

        assertThat(timeGivenWay(priority)).isLessThan(Duration.ofMillis(100));
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new IntakePriority(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cascade.intake.give-way-at");
        assertThatThrownBy(() -> new IntakePriority(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Duration timeGivenWay(IntakePriority priority) throws InterruptedException {
        long start = System.nanoTime();
        priority.giveWay();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
