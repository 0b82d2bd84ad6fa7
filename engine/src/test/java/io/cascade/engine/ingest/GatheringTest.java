package io.cascade.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatheringTest {

    private static final long MS = 1_000_000;

    /** A clock that only moves when a thread sleeps on it. */
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> sleeps = new ArrayList<>();
    private final Gathering gathering = new Gathering(Duration.ofMillis(20), 100, now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void anEventOnAQuietNodeIsTakenAtOnce() throws InterruptedException {
        gathering.awaitTurn();
        gathering.taken(1);
        now.addAndGet(1_000 * MS); // the next event comes a second later
        gathering.awaitTurn();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void eventsArrivingOneByOneWaitForTheWindowThatFollowsTheLastBatch() throws InterruptedException {
        gathering.awaitTurn();
        gathering.taken(1);
        now.addAndGet(5 * MS); // the next event, 5 ms after the first batch started

        gathering.awaitTurn();
        assertThat(sleeps).containsExactly(15 * MS);
        gathering.taken(3);

        gathering.awaitTurn();
        assertThat(sleeps).as("20 ms after the batch before").containsExactly(15 * MS, 20 * MS);
    }

    @Test
    void aBacklogIsTakenWithoutWaiting() throws InterruptedException {
        gathering.awaitTurn();
        gathering.taken(100);
        gathering.awaitTurn();
        gathering.taken(100);
        gathering.awaitTurn();
        gathering.taken(0); // another thread took what was left
        gathering.awaitTurn();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void aZeroWindowNeverWaits() throws InterruptedException {
        Gathering off = new Gathering(Duration.ZERO, 100, now::get, nanos -> sleeps.add(nanos));
        off.awaitTurn();
        off.taken(1);
        off.awaitTurn();

        assertThat(sleeps).isEmpty();
        assertThatThrownBy(() -> new Gathering(Duration.ofMillis(-1), 100))
                .hasMessageContaining("cascade.events.inbox.gather");
    }

    @Test
    void whileGatheringOneThreadTakesEachWindow() throws Exception {
        Gathering real = new Gathering(Duration.ofSeconds(1), 100);
        real.awaitTurn();
        real.taken(1);
        long start = System.nanoTime();
        CountDownLatch bothTook = new CountDownLatch(2);
        List<Long> turns = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            Thread thread = new Thread(() -> {
                try {
                    real.awaitTurn();
                    turns.add(System.nanoTime() - start);
                    bothTook.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
        }

        assertThat(bothTook.await(5, TimeUnit.SECONDS)).isTrue();
        List<Long> sorted = turns.stream().sorted().toList();
        assertThat(sorted.get(1) - sorted.get(0)).as("the second thread waited a window after the first")
                .isGreaterThanOrEqualTo(500 * MS); // a window of 1 s, less what scheduling may delay the first by
    }
}
