package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.camunda.LockedTasks;
import io.cascade.engine.camunda.LockedTasks.Locked;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.execution.ExecutionRecorder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers webhooks: takes webhook-action.bpmn's delivery tasks (external tasks on
 * {@link ActionProcesses#WEBHOOK_TOPIC}) and reports each attempt's outcome back to Camunda, which
 * draws the flow, keeps the retries and raises the incident. One poller thread fetches and locks as
 * many tasks as there is room for in flight; a few worker threads prepare them (up to 16 at a time with
 * one set of reads, then rendering and the attempt recorded as started) and record the answers; the requests wait
 * on the non-blocking client, holding neither a thread nor a database connection. Attempts are
 * recorded as started ({@link StartedAttempts}) and delivered runs ended ({@link DeliveredRuns}) in groups.
 *
 * <p>A task stays locked to this node for {@code lock-duration}: if the node stops with a request
 * out, another node delivers it again once the lock expires (same webhook-id).
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration FIRST_IDLE_WAIT = Duration.ofMillis(20);
    private static final Duration MAX_STOP_WAIT = Duration.ofSeconds(30);
    /** Groups of attempts started at work at once: one commits while the next forms. */
    private static final int CONCURRENT_ATTEMPT_GROUPS = 2;
    /**
     * Groups of delivered runs ended at once. The receiver has its request by then, so ending a run
     * waits on nothing anyone measures; one group at a time lets the next grow while it commits (63
     * runs a group against 34 from a backlog), so its reads and commit serve more runs. On 2 cores,
     * against 2 at once: 156-172 against 141-145 delivered/s in the open loop at 200 events/s; 569-592
     * against 492/s from a backlog with a receiver answering after 200 ms; batches of 500 within the
     * runs' spread (docs/benchmarks.md). Attempts started one group at a time as well did no better.
     */
    private static final int CONCURRENT_ENDING_GROUPS = 1;
    /** Fetched tasks whose requests are prepared together on one worker thread, with one set of reads. */
    private static final int PREPARED_TOGETHER = 16;

    private final ExternalTaskService externalTasks;
    private final LockedTasks lockedTasks;
    private final WebhookDelivery delivery;
    private final RunLabelsReader labels;
    private final RetrySchedule schedule;
    private final Settings settings;
    private final IntakePriority intake;
    private final String workerId;
    private final Semaphore room;
    private final ExecutorService work;
    private final StartedAttempts startedAttempts;
    private final DeliveredRuns deliveredRuns;
    private final Object signal = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean woken;
    private int fetchFailures;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread poller;

    /**
     * {@code maxInFlight}: tasks held at once (prepared, out, or being recorded); {@code threads}: the
     * worker threads, each holding at most one database connection at a time; {@code pollInterval}:
     * the longest wait between two fetches when there is nothing to do (a run started on this node
     * wakes the poller at once); {@code maxRetryAfter}: the longest Retry-After honoured;
     * {@code groupSize}: the most attempts recorded as started, or delivered runs ended, in one transaction.
     */
    record Settings(int maxInFlight, int threads, Duration lockDuration, Duration pollInterval,
                    Duration maxRetryAfter, int groupSize, boolean startPaused) {
    }

    DeliveryWorker(ExternalTaskService externalTasks, LockedTasks lockedTasks, ExternalTaskGroups taskGroups,
                   ExecutionRecorder recorder, WebhookDelivery delivery, RunLabelsReader labels, RetrySchedule schedule,
                   IntakePriority intake, Settings settings) {
        this.intake = intake;
        this.externalTasks = externalTasks;
        this.lockedTasks = lockedTasks;
        this.delivery = delivery;
        this.labels = labels;
        this.schedule = schedule;
        this.settings = settings;
        this.workerId = "cascade-webhooks@" + hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.room = new Semaphore(settings.maxInFlight());
        AtomicInteger threadNumber = new AtomicInteger();
        // unbounded queue, bounded in practice: each queued item holds one of the maxInFlight places
        this.work = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "cascade-webhook-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.startedAttempts = new StartedAttempts(recorder, work, settings.groupSize(), CONCURRENT_ATTEMPT_GROUPS);
        this.deliveredRuns = new DeliveredRuns(taskGroups, recorder, workerId, work, settings.groupSize(),
                CONCURRENT_ENDING_GROUPS);
        this.paused = settings.startPaused();
    }

    /** Stops fetching new tasks (those in flight finish); for tests and capacity measurements. */
    public void pause() {
        paused = true;
    }

    /** Fetches again, at once. */
    public void resume() {
        paused = false;
        wake();
    }

    /** Deliveries this node holds right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** A webhook run was started or given retries on this node: fetch it once its transaction has committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void deliveriesDue(ActionProcesses.WebhookDeliveriesDue due) {
        wake();
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Waits until woken or the timeout passed; false when the worker stopped. */
    private void await(Duration timeout) throws InterruptedException {
        synchronized (signal) {
            if (!woken) {
                signal.wait(Math.max(1, timeout.toMillis()));
            }
            woken = false;
        }
    }

    private void poll() {
        Duration idle = FIRST_IDLE_WAIT;
        while (running) {
            try {
                if (paused) {
                    await(settings.pollInterval());
                    continue;
                }
                intake.giveWay(); // events being received come first
                room.acquire();
                int wanted = 1 + room.drainPermits();
                List<Locked> tasks;
                try {
                    tasks = fetch(wanted);
                } catch (RuntimeException e) {
                    room.release(wanted);
                    fetchFailures = Math.min(fetchFailures + 1, 3); // 1: the first, 2: warned, 3: still failing
                    if (fetchFailures == 1) {
                        // once, at once: e.g. a connection the pool had not yet found broken
                        log.debug("webhook delivery: could not fetch tasks, trying again: {}", WebhookSender.describe(e));
                        continue;
                    }
                    if (fetchFailures == 2) { // one line per outage, not one per poll
                        log.warn("webhook delivery: could not fetch tasks, trying again every {}: {}",
                                settings.pollInterval(), WebhookSender.describe(e));
                    }
                    await(settings.pollInterval());
                    continue;
                }
                if (fetchFailures > 1) {
                    log.info("webhook delivery: fetching tasks again");
                }
                fetchFailures = 0;
                room.release(wanted - tasks.size());
                dispatch(tasks);
                if (tasks.isEmpty()) {
                    await(idle);
                    idle = idle.multipliedBy(2).compareTo(settings.pollInterval()) > 0 ? settings.pollInterval()
                            : idle.multipliedBy(2);
                } else {
                    idle = FIRST_IDLE_WAIT;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Locked> fetch(int count) {
        return lockedTasks.fetchAndLock(workerId, ActionProcesses.WEBHOOK_TOPIC, count, settings.lockDuration(),
                ActionProcesses.EXECUTION_ID);
    }

    /** Hands the fetched tasks to the worker threads in chunks, each prepared with one set of reads. */
    private void dispatch(List<Locked> tasks) {
        for (int from = 0; from < tasks.size(); from += PREPARED_TOGETHER) {
            List<Locked> chunk = tasks.subList(from, Math.min(tasks.size(), from + PREPARED_TOGETHER));
            inFlight.addAndGet(chunk.size());
            try {
                work.execute(() -> deliver(chunk));
            } catch (RejectedExecutionException stopping) {
                chunk.forEach(task -> done()); // the node is stopping: the locks expire and another node delivers them
            }
        }
    }

    private void deliver(List<Locked> tasks) {
        List<UUID> executions = new ArrayList<>(tasks.size());
        for (Locked task : tasks) {
            try {
                executions.add(executionId(task));
            } catch (RuntimeException notAnExecution) {
                // left out of the reads: its attempt fails with this below
            }
        }
        WebhookDelivery.Preparations preparations = delivery.prepareAll(executions);
        for (Locked task : tasks) {
            deliver(task, preparations);
        }
    }

    /** The execution the task's run carries out; throws if its variable is missing or not an id. */
    private static UUID executionId(Locked task) {
        return UUID.fromString((String) task.variables().get(ActionProcesses.EXECUTION_ID));
    }

    private void deliver(Locked task, WebhookDelivery.Preparations preparations) {
        CompletableFuture<DeliveryOutcome> outcome;
        try {
            outcome = delivery.attempt(executionId(task), schedule.isLastAttempt(task.retries()), preparations,
                    startedAttempts, work);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, failure) -> {
            if (result instanceof DeliveryOutcome.Delivered delivered) {
                deliveredRuns.end(task.id(), delivered, this::done);
                return;
            }
            if (unwrap(failure) instanceof RejectedExecutionException) {
                done(); // the node is stopping and nothing was sent: the lock expires and another node delivers it
                return;
            }
            try {
                report(task, result, failure);
            } catch (RuntimeException e) {
                // e.g. the lock expired and another node took the task over: it reports the attempt it makes
                log.warn("webhook delivery: could not report the outcome of task {} to Camunda: {}", task.id(),
                        WebhookSender.describe(e));
            } finally {
                done();
            }
        });
    }

    private void report(Locked task, DeliveryOutcome outcome, Throwable failure) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            if (cause instanceof WebhookDeliveryException expected) {
                retryLater(task, expected.getMessage(), expected.retryAfter());
            } else {
                log.error("webhook delivery: task {} failed unexpectedly", task.id(), cause);
                retryLater(task, "delivery failed: " + WebhookSender.describe(asException(cause)), null);
            }
            return;
        }
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            externalTasks.handleBpmnError(task.id(), workerId, WebhookErrors.REJECTED, rejected.reason());
        } else if (outcome instanceof DeliveryOutcome.Gone gone) {
            externalTasks.handleBpmnError(task.id(), workerId, WebhookErrors.GONE, gone.reason(),
                    Map.of(WebhookErrors.WEBHOOK_ID, gone.webhookId().toString(),
                            WebhookErrors.DISABLED_REASON, gone.disabledReason()));
        } else if (outcome instanceof DeliveryOutcome.RetryLater later) {
            retryLater(task, later.reason(), later.delay());
        }
    }

    /**
     * Hands Camunda the retries left and the wait: at 0 retries it raises the incident with this
     * message. The first failure also gives the run the rest of its Cockpit labels: from now on it
     * waits where operators look.
     */
    private void retryLater(Locked task, String message, Duration retryAfter) {
        Duration wait = schedule.waitAfterFailure(task.retries());
        if (retryAfter != null) {
            // the receiver asked for more time (429, 503): wait that long instead, up to the bound
            Duration asked = retryAfter.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : retryAfter;
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        Map<String, Object> variables = task.retries() == null ? labels(task) : Map.of();
        externalTasks.handleFailure(task.id(), workerId, message, null,
                schedule.retriesAfterFailure(task.retries()), wait.toMillis(), variables, Map.of());
    }

    /** None when they cannot be read now: the failure is recorded all the same, the labels are a convenience. */
    private Map<String, Object> labels(Locked task) {
        try {
            return labels.labels(executionId(task))
                    .searchVariables();
        } catch (RuntimeException e) {
            log.warn("webhook delivery: could not label task {} for Cockpit: {}", task.id(), WebhookSender.describe(e));
            return Map.of();
        }
    }

    private void done() {
        inFlight.decrementAndGet();
        room.release();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new RuntimeException(t.toString());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public void start() {
        running = true;
        poller = new Thread(this::poll, "cascade-webhook-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Fetches no more and waits, up to the lock duration or 30 s, for the deliveries in flight to be answered
     * and recorded; any still out when it gives up are delivered again by another node after their lock.
     */
    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
        Duration patience = settings.lockDuration().compareTo(MAX_STOP_WAIT) < 0 ? settings.lockDuration()
                : MAX_STOP_WAIT;
        long deadline = System.nanoTime() + patience.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        work.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the HTTP client, the process engine and the connection pool. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
