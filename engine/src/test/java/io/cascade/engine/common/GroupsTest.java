package io.cascade.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<List<Integer>> worked = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aQuietSystemWorksEachItemAtOnceOnItsOwn() {
        Groups<Integer> groups = new Groups<>(Runnable::run, 64, 1, worked::add, item -> { });

        groups.add(1);
        groups.add(2);

        assertThat(worked).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void itemsAddedWhileTheOnlyGroupWorksGoTogetherInTheNext() throws Exception {
        addWhileTheFirstGroupWorks(64, 5);

        assertThat(worked).containsExactly(List.of(0), List.of(1, 2, 3, 4, 5));
    }

    @Test
    void noGroupHoldsMoreThanItsMaximumAndEveryItemIsWorkedOnce() throws Exception {
        addWhileTheFirstGroupWorks(3, 7);

        assertThat(worked).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(3));
        assertThat(worked.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void noMoreGroupsWorkAtOnceThanAllowed() throws Exception {
        AtomicInteger atWork = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allDone = new CountDownLatch(40);
        Groups<Integer> groups = new Groups<>(threads, 2, 2, group -> {
            most.accumulateAndGet(atWork.incrementAndGet(), Math::max);
            sleep(5);
            atWork.decrementAndGet();
            group.forEach(item -> allDone.countDown());
        }, item -> { });

        for (int i = 0; i < 40; i++) {
            groups.add(i);
        }

        assertThat(allDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void anExecutorThatRefusesWorkHandsEveryWaitingItemBack() {
        List<Integer> notTaken = new ArrayList<>();
        Groups<Integer> groups = new Groups<>(task -> {
            throw new RejectedExecutionException("stopping");
        }, 64, 1, worked::add, notTaken::add);

        groups.add(1);
        groups.add(2);

        assertThat(worked).isEmpty();
        assertThat(notTaken).containsExactly(1, 2);
    }

    /**
     * One group at a time, up to {@code maxGroup} items each: item 0 starts a group that waits while
     * items 1..{@code more} are added, then everything is worked.
     */
    private void addWhileTheFirstGroupWorks(int maxGroup, int more) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(1 + more);
        AtomicInteger groupsSeen = new AtomicInteger();
        Groups<Integer> groups = new Groups<>(threads, maxGroup, 1, group -> {
            worked.add(List.copyOf(group));
            if (groupsSeen.incrementAndGet() == 1) {
                await(release);
            }
            group.forEach(item -> allDone.countDown());
        }, item -> { });

        groups.add(0);
        awaitGroups(1);
        for (int i = 1; i <= more; i++) {
            groups.add(i);
        }
        release.countDown();

        assertThat(allDone.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitGroups(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worked.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(worked).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
