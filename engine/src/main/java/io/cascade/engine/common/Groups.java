package io.cascade.engine.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands items to {@code work} in groups, as a database's group commit does: an item added while
 * fewer than {@code maxConcurrent} groups are at work starts a group at once, alone if nothing else
 * waits; items added meanwhile wait for the next group, up to {@code maxGroup} in each. So a quiet
 * system waits for nothing and a busy one pays a transaction per group instead of per item.
 * {@code work} must deal with each item of its group, failures included.
 */
public final class Groups<T> {

    private final Executor executor;
    private final int maxGroup;
    private final int maxConcurrent;
    private final Consumer<List<T>> work;
    private final Consumer<T> notTaken;
    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger atWork = new AtomicInteger();

    /** {@code notTaken}: for an item no group will take, because {@code executor} refuses work (it is stopping). */
    public Groups(Executor executor, int maxGroup, int maxConcurrent, Consumer<List<T>> work, Consumer<T> notTaken) {
        if (maxGroup < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("a group holds at least one item, and at least one group works");
        }
        this.executor = executor;
        this.maxGroup = maxGroup;
        this.maxConcurrent = maxConcurrent;
        this.work = work;
        this.notTaken = notTaken;
    }

    public void add(T item) {
        waiting.add(item);
        startGroup();
    }

    private void startGroup() {
        while (!waiting.isEmpty()) {
            int running = atWork.get();
            if (running >= maxConcurrent) {
                return; // a group that ends starts the next
            }
            if (atWork.compareAndSet(running, running + 1)) {
                try {
                    executor.execute(this::workGroup);
                } catch (RejectedExecutionException stopping) {
                    atWork.decrementAndGet();
                    for (T left; (left = waiting.poll()) != null; ) {
                        notTaken.accept(left);
                    }
                }
                return;
            }
        }
    }

    private void workGroup() {
        try {
            List<T> group = new ArrayList<>();
            for (T next; group.size() < maxGroup && (next = waiting.poll()) != null; ) {
                group.add(next);
            }
            if (!group.isEmpty()) {
                work.accept(group);
            }
        } finally {
            atWork.decrementAndGet();
            startGroup();
        }
    }
}
