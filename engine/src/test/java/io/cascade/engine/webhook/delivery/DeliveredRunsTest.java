package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.execution.Attempt;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.execution.ExecutionStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How delivered runs are grouped into one command each, and what happens when a group cannot be ended together. */
class DeliveredRunsTest {

    private static final String WORKER = "cascade-webhooks@test";

    private final ExternalTaskGroups taskGroups = mock(ExternalTaskGroups.class);
    private final ExecutionRecorder recorder = mock(ExecutionRecorder.class);
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger entered = new AtomicInteger();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aDeliveryWithNothingElseWaitingIsEndedAtOnceInACommandOfItsOwn() {
        completesAll(null);
        DeliveredRuns runs = runs(64, 1);

        runs.end("task-1", delivered(), done::incrementAndGet);

        awaitDone(1);
        assertThat(groups).containsExactly(List.of("task-1"));
        verify(recorder).recordWithin(any(), any(), eq(ExecutionStatus.FINISHED));
        verify(recorder, never()).record(any(), any(), any());
    }

    @Test
    void deliveriesAnsweredWhileAGroupCommitsEndTogetherInTheNextUpToTheGroupSize() {
        CountDownLatch commit = new CountDownLatch(1);
        completesAll(commit);
        DeliveredRuns runs = runs(4, 1);

        runs.end("task-0", delivered(), done::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1); // its group is committing
        for (int i = 1; i <= 6; i++) {
            runs.end("task-" + i, delivered(), done::incrementAndGet);
        }
        assertThat(done.get()).as("nothing is done before its group commits").isZero();
        commit.countDown();

        awaitDone(7);
        assertThat(groups).hasSize(3); // each group in the order of its executions, not of arrival
        assertThat(groups.get(0)).containsExactly("task-0");
        assertThat(groups.get(1)).containsExactlyInAnyOrder("task-1", "task-2", "task-3", "task-4");
        assertThat(groups.get(2)).containsExactlyInAnyOrder("task-5", "task-6");
    }

    @Test
    void aTaskNoLongerHeldHasItsAnswerRecordedAloneAndIsLeftToTheNodeThatHoldsIt() {
        when(taskGroups.completeHeld(eq(WORKER), anyList(), any(), any()))
                .thenAnswer(invocation -> new ArrayList<>(invocation.getArgument(1, List.class)));
        DeliveredRuns runs = runs(64, 1);
        DeliveryOutcome.Delivered delivered = delivered();

        runs.end("taken-over", delivered, done::incrementAndGet);

        awaitDone(1);
        verify(recorder).record(delivered.executionId(), delivered.attempt(), ExecutionStatus.FINISHED);
    }

    @Test
    void whenTheGroupFailsEachDeliveryIsEndedInATransactionOfItsOwn() {
        CountDownLatch commit = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        when(taskGroups.completeHeld(eq(WORKER), anyList(), any(), any())).thenAnswer(invocation -> {
            List<Object> items = invocation.getArgument(1, List.class);
            Function<Object, String> taskId = invocation.getArgument(2);
            Consumer<Object> before = invocation.getArgument(3);
            if (calls.incrementAndGet() == 1) {
                entered.incrementAndGet();
                commit.await(10, TimeUnit.SECONDS);
                items.forEach(before);
                groups.add(items.stream().map(taskId).toList());
                return List.of();
            }
            if (items.size() > 1) {
                throw new IllegalStateException("optimistic locking: another node changed a run");
            }
            items.forEach(before);
            groups.add(items.stream().map(taskId).toList());
            return List.of();
        });
        DeliveredRuns runs = runs(64, 1);
        runs.end("task-0", delivered(), done::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1);
        DeliveryOutcome.Delivered first = delivered();
        DeliveryOutcome.Delivered second = delivered();

        runs.end("task-a", first, done::incrementAndGet);
        runs.end("task-b", second, done::incrementAndGet);
        commit.countDown();

        awaitDone(3);
        assertThat(groups).containsExactlyInAnyOrder(List.of("task-0"), List.of("task-a"), List.of("task-b"));
        verify(recorder).recordWithin(eq(first.executionId()), eq(first.attempt()), eq(ExecutionStatus.FINISHED));
        verify(recorder).recordWithin(eq(second.executionId()), eq(second.attempt()), eq(ExecutionStatus.FINISHED));
        verify(recorder, never()).record(any(), any(), any());
    }

    @Test
    void aDeliveryThatCannotBeEndedEvenAloneIsNeitherRecordedNorCompletedAndWaitsForItsLock() {
        when(taskGroups.completeHeld(eq(WORKER), anyList(), any(), any()))
                .thenThrow(new IllegalStateException("database away"));
        DeliveredRuns runs = runs(64, 1);

        runs.end("task-1", delivered(), done::incrementAndGet);

        awaitDone(1);
        verify(recorder, never()).record(any(), any(), any());
        verify(recorder, never()).recordWithin(any(), any(), any());
    }

    private DeliveredRuns runs(int maxGroup, int concurrent) {
        return new DeliveredRuns(taskGroups, recorder, WORKER, threads, maxGroup, concurrent);
    }

    /** Every task is held; the first group waits for {@code commit} (if any) before it commits. */
    @SuppressWarnings("unchecked")
    private void completesAll(CountDownLatch commit) {
        when(taskGroups.completeHeld(eq(WORKER), anyList(), any(), any())).thenAnswer(invocation -> {
            List<Object> items = invocation.getArgument(1, List.class);
            Function<Object, String> taskId = invocation.getArgument(2);
            Consumer<Object> before = invocation.getArgument(3);
            if (entered.incrementAndGet() == 1 && commit != null) {
                commit.await(10, TimeUnit.SECONDS);
            }
            items.forEach(before);
            groups.add(items.stream().map(taskId).toList());
            return List.of();
        });
    }

    private void awaitDone(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() >= count);
        assertThat(done.get()).isEqualTo(count);
    }

    private static DeliveryOutcome.Delivered delivered() {
        return new DeliveryOutcome.Delivered(UUID.randomUUID(),
                Attempt.answered(1, OffsetDateTime.now(), 12, 200, "", null));
    }
}
