package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.LockedTasks;
import io.cascade.engine.camunda.LockedTasks.Locked;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery worker's fetch: webhook runs' tasks locked to the caller as Camunda's fetchAndLock
 * locks them, each with the run's execution and webhook read in one query for all of them; a task
 * another worker holds is not fetched. The delivery worker is paused, so the test's runs wait for it;
 * tasks of other tests' runs that it happens to lock are unlocked again.
 */
class LockedTasksIntegrationTest extends ApiIntegrationTest {

    private static final String[] VARIABLES = {ActionProcesses.EXECUTION_ID};

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private LockedTasks lockedTasks;
    @Autowired
    private ExternalTaskService externalTasks;
    @Autowired
    private JdbcClient jdbc;

    LockedTasksIntegrationTest() throws Exception {
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void locksTheWaitingTasksWithEachRunsExecution() {
        Map<String, String> runs = heldRuns(3); // process instance -> execution
        String mine = "locked-tasks-test-" + UUID.randomUUID();
        Date before = new Date();

        List<Locked> locked = ours(lockedTasks.fetchAndLock(mine, ActionProcesses.WEBHOOK_TOPIC, 1000,
                Duration.ofMinutes(1), VARIABLES), runs);

        assertThat(locked).extracting(Locked::processInstanceId).containsExactlyInAnyOrderElementsOf(runs.keySet());
        for (Locked task : locked) {
            assertThat(task.variables()).containsOnly(
                    Map.entry(ActionProcesses.EXECUTION_ID, runs.get(task.processInstanceId())));
            assertThat(task.retries()).as("never failed").isNull();
            ExternalTask held = externalTasks.createExternalTaskQuery().externalTaskId(task.id()).singleResult();
            assertThat(held.getWorkerId()).isEqualTo(mine);
            assertThat(held.getLockExpirationTime()).isAfter(before);
        }
        String other = "another-node-" + UUID.randomUUID();
        assertThat(ours(lockedTasks.fetchAndLock(other, ActionProcesses.WEBHOOK_TOPIC, 1000, Duration.ofMinutes(1),
                VARIABLES), runs)).as("held by the first worker").isEmpty();
    }

    @Test
    void aTaskAnotherWorkerLockedFirstIsLeftOut() {
        Map<String, String> runs = heldRuns(2);
        List<String> instances = new ArrayList<>(runs.keySet());
        String another = "another-node-" + UUID.randomUUID();
        List<LockedExternalTask> taken = externalTasks.fetchAndLock(1, another)
                .topic(ActionProcesses.WEBHOOK_TOPIC, 60_000)
                .processInstanceVariableEquals(ActionProcesses.EXECUTION_ID, runs.get(instances.get(0))).execute();
        assertThat(taken).hasSize(1);

        List<Locked> locked = ours(lockedTasks.fetchAndLock("locked-tasks-test-" + UUID.randomUUID(),
                ActionProcesses.WEBHOOK_TOPIC, 1000, Duration.ofMinutes(1), VARIABLES), runs);

        assertThat(locked).extracting(Locked::processInstanceId).containsExactly(instances.get(1));
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(taken.get(0).getId()).singleResult()
                .getWorkerId()).isEqualTo(another);
    }

    @Test
    void takesTasksInTheOrderTheyBecameDueANewOneWhenCreatedAFailedOneWhenItsWaitEnded() throws Exception {
        Map<String, String> runs = heldRuns(3);
        List<String> instances = new ArrayList<>(runs.keySet());
        String failing = "failing-node-" + UUID.randomUUID();
        // the first run's first attempt fails, to be tried again at once: due after the other two were created
        LockedExternalTask first = externalTasks.fetchAndLock(1, failing).topic(ActionProcesses.WEBHOOK_TOPIC, 60_000)
                .processInstanceVariableEquals(ActionProcesses.EXECUTION_ID, runs.get(instances.get(0))).execute()
                .get(0);
        Thread.sleep(5);
        externalTasks.handleFailure(first.getId(), failing, "receiver down", 3, 0);
        Thread.sleep(5);
        runs.putAll(HeldRuns.fire(admin(), receiver, worker, jdbc, 1)); // created after that wait ended

        List<Locked> locked = ours(lockedTasks.fetchAndLock("locked-tasks-test-" + UUID.randomUUID(),
                ActionProcesses.WEBHOOK_TOPIC, 1000, Duration.ofMinutes(1), VARIABLES), runs);

        List<String> all = new ArrayList<>(runs.keySet());
        assertThat(locked).extracting(Locked::processInstanceId)
                .containsExactly(all.get(1), all.get(2), all.get(0), all.get(3));
        assertThat(locked.get(2).retries()).isEqualTo(3);
    }

    /** Fires {@code count} events with the worker paused; their runs' process instances and executions. */
    private Map<String, String> heldRuns(int count) {
        return HeldRuns.fire(admin(), receiver, worker, jdbc, count);
    }

    /** The tasks of this test's runs; any other test's task fetched along is unlocked for its own worker. */
    private List<Locked> ours(List<Locked> locked, Map<String, String> runs) {
        List<Locked> ours = new ArrayList<>();
        for (Locked task : locked) {
            if (runs.containsKey(task.processInstanceId())) {
                ours.add(task);
            } else {
                externalTasks.unlock(task.id());
            }
        }
        return ours;
    }
}
