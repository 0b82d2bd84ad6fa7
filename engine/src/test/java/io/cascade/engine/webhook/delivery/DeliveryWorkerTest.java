package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.camunda.LockedTasks;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.execution.ExecutionRecorder;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the poller takes a failed fetch: once is retried at once, an outage waits the poll interval. */
class DeliveryWorkerTest {

    /** Long enough that a test sees a second fetch only if the poller did not wait for it. */
    private static final Duration POLL_INTERVAL = Duration.ofHours(1);

    private final LockedTasks lockedTasks = mock(LockedTasks.class);
    private final AtomicInteger fetches = new AtomicInteger();
    private final IntakePriority intake = new IntakePriority(2, Duration.ofHours(1));
    private final DeliveryWorker worker = new DeliveryWorker(mock(ExternalTaskService.class), lockedTasks,
            mock(ExternalTaskGroups.class),
            mock(ExecutionRecorder.class), mock(WebhookDelivery.class), mock(RunLabelsReader.class),
            new RetrySchedule("PT1S"),
            intake,
            new DeliveryWorker.Settings(4, 1, Duration.ofMinutes(1), POLL_INTERVAL, Duration.ofMinutes(1), 8, false));

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aFetchThatFailsOnceIsTriedAgainAtOnce() {
        fetchAnswers(1);

        worker.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() >= 2);
    }

    @Test
    void aFetchThatKeepsFailingWaitsThePollIntervalAfterTheSecondTry() throws InterruptedException {
        fetchAnswers(Integer.MAX_VALUE);

        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() >= 2);
        Thread.sleep(500);

        assertThat(fetches.get()).as("fetches before the poll interval passed").isEqualTo(2);
    }

    @Test
    void fetchingWaitsWhileEventsAreBeingReceived() throws InterruptedException {
        fetchAnswers(0);
        intake.receiving();
        intake.receiving();

        worker.start();
        Thread.sleep(300);
        assertThat(fetches.get()).as("fetches while two event submissions were being served").isZero();
        intake.answered();

        await().atMost(Duration.ofSeconds(10)).until(() -> fetches.get() >= 1);
    }

    /** The first {@code failures} fetches fail as Camunda's do when the database is away; the rest find none. */
    private void fetchAnswers(int failures) {
        when(lockedTasks.fetchAndLock(anyString(), anyString(), anyInt(), any(Duration.class), any(String[].class)))
                .thenAnswer(invocation -> {
                    if (fetches.incrementAndGet() <= failures) {
                        throw new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                                new SQLTransientConnectionException("connection is not available"));
                    }
                    return List.<LockedTasks.Locked>of();
                });
    }
}
