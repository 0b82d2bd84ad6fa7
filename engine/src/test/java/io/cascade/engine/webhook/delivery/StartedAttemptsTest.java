package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cascade.engine.execution.ExecutionRecorder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.EmptyResultDataAccessException;

/** Attempts prepared together are recorded as started in one transaction, or each alone when that fails. */
class StartedAttemptsTest {

    private final ExecutionRecorder recorder = mock(ExecutionRecorder.class);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final StartedAttempts starts = new StartedAttempts(recorder, threads, 64, 1);
    private final CountDownLatch firstCommits = new CountDownLatch(1);
    private final CountDownLatch firstCommitting = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void attemptsPreparedWhileAGroupCommitsAreStartedTogetherInTheNext() {
        UUID first = UUID.randomUUID();
        when(recorder.started(eq(first), any())).thenAnswer(invocation -> {
            firstCommitting.countDown();
            firstCommits.await(10, TimeUnit.SECONDS);
            return 1;
        });
        when(recorder.startedAll(anyMap())).thenAnswer(invocation -> {
            Map<UUID, Integer> numbers = new LinkedHashMap<>();
            invocation.<Map<UUID, OffsetDateTime>>getArgument(0).keySet().forEach(id -> numbers.put(id, 2));
            return numbers;
        });

        CompletableFuture<Integer> alone = starts.started(first, OffsetDateTime.now());
        awaitFirstCommitting();
        CompletableFuture<Integer> second = starts.started(UUID.randomUUID(), OffsetDateTime.now());
        CompletableFuture<Integer> third = starts.started(UUID.randomUUID(), OffsetDateTime.now());
        assertThat(second).as("waits for the group before it").isNotDone();
        firstCommits.countDown();

        assertThat(alone.join()).isEqualTo(1);
        assertThat(second.join()).isEqualTo(2);
        assertThat(third.join()).isEqualTo(2);
        verify(recorder).startedAll(anyMap());
    }

    @Test
    void whenTheGroupCannotBeStartedTogetherEachIsStartedAloneAndOnlyTheOneThatFailsIsNotSent() {
        UUID first = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        when(recorder.started(eq(first), any())).thenAnswer(invocation -> {
            firstCommitting.countDown();
            firstCommits.await(10, TimeUnit.SECONDS);
            return 1;
        });
        when(recorder.startedAll(anyMap())).thenThrow(new EmptyResultDataAccessException("executions not found", 2));
        when(recorder.started(eq(removed), any())).thenThrow(new EmptyResultDataAccessException("not found", 1));
        when(recorder.started(eq(third), any())).thenReturn(4);

        starts.started(first, OffsetDateTime.now());
        awaitFirstCommitting();
        CompletableFuture<Integer> failed = starts.started(removed, OffsetDateTime.now());
        CompletableFuture<Integer> started = starts.started(third, OffsetDateTime.now());
        firstCommits.countDown();

        assertThat(started.join()).isEqualTo(4);
        assertThatThrownBy(failed::join).hasCauseInstanceOf(EmptyResultDataAccessException.class);
    }

    @Test
    void anAttemptAloneIsStartedAtOnceWithoutAGroupStatement() {
        when(recorder.started(any(), any())).thenReturn(1);

        CompletableFuture<Integer> number = starts.started(UUID.randomUUID(), OffsetDateTime.now());

        await().atMost(Duration.ofSeconds(10)).until(number::isDone);
        assertThat(number.join()).isEqualTo(1);
        verify(recorder, never()).startedAll(anyMap());
    }

    private void awaitFirstCommitting() {
        try {
            assertThat(firstCommitting.await(10, TimeUnit.SECONDS)).as("the first group is committing").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
