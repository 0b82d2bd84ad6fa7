package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several delivery tasks completed in one Camunda command, as the delivery worker ends delivered runs:
 * each held task's run reaches its end event, in the transaction of what the caller wrote before it;
 * a task another worker holds is handed back untouched; a failure leaves every task of the group as it was.
 * The test holds the tasks itself: the delivery worker is paused, and the test fetches the runs' tasks
 * under worker ids of its own.
 */
class ExternalTaskGroupsIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private ExternalTaskGroups groups;
    @Autowired
    private ExternalTaskService externalTasks;
    @Autowired
    private HistoryService history;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private ProcessEngineConfigurationImpl engine;

    ExternalTaskGroupsIntegrationTest() throws Exception {
    }

    @BeforeEach
    void markTable() {
        jdbc.sql("create table if not exists group_test_marks (task varchar(64))").update();
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void theHeldTasksCompleteTogetherWithWhatWasWrittenBeforeAndAnotherWorkersTaskIsHandedBack() {
        List<String> runs = heldRuns(3);
        String mine = "group-test-" + UUID.randomUUID();
        String another = "another-node-" + UUID.randomUUID();
        String first = lock(runs.get(0), mine);
        String second = lock(runs.get(1), mine);
        String taken = lock(runs.get(2), another);
        List<String> written = new ArrayList<>();

        List<String> notHeld = groups.completeHeld(mine, List.of(first, taken, second), task -> task, task -> {
            mark(task);
            written.add(task);
        });

        assertThat(notHeld).containsExactly(taken);
        assertThat(written).containsExactly(first, second);
        assertThat(ended(runs.get(0))).isTrue();
        assertThat(ended(runs.get(1))).isTrue();
        assertThat(ended(runs.get(2))).isFalse();
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(taken).singleResult().getWorkerId())
                .isEqualTo(another);
        assertThat(marked()).contains(first, second).doesNotContain(taken);
        // the end event's listener wrote how each ended run ended, in the same command
        assertThat(statusOf(runs.get(0))).isEqualTo("FINISHED");
    }

    @Test
    void aSuspendedTaskIsHandedBackWithoutRollingBackTheOthers() {
        List<String> runs = heldRuns(2);
        String mine = "group-test-" + UUID.randomUUID();
        List<String> tasks = lockAll(runs, mine);
        String first = tasks.get(0);
        String suspended = tasks.get(1);
        runtime.suspendProcessInstanceById(runs.get(1)); // an operator did, in Cockpit

        List<String> notHeld = groups.completeHeld(mine, List.of(suspended, first), task -> task, this::mark);

        assertThat(notHeld).containsExactly(suspended);
        assertThat(ended(runs.get(0))).isTrue();
        assertThat(ended(runs.get(1))).isFalse();
        assertThat(marked()).contains(first).doesNotContain(suspended);
        runtime.activateProcessInstanceById(runs.get(1));
    }

    @Test
    void aFailureLeavesEveryTaskOfTheGroupAsItWas() {
        List<String> runs = heldRuns(2);
        String mine = "group-test-" + UUID.randomUUID();
        List<String> tasks = lockAll(runs, mine);
        String first = tasks.get(0);
        String second = tasks.get(1);

        assertThatThrownBy(() -> groups.completeHeld(mine, List.of(first, second), task -> task, task -> {
            mark(task);
            if (task.equals(second)) {
                throw new IllegalStateException("the second write fails");
            }
        })).hasMessage("the second write fails");

        assertThat(ended(runs.get(0))).as("completed before the failure, rolled back with it").isFalse();
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(first).singleResult().getWorkerId())
                .isEqualTo(mine);
        assertThat(marked()).doesNotContain(first, second);
        assertThat(groups.completeHeld(mine, List.of(first, second), task -> task, task -> { })).isEmpty();
        assertThat(ended(runs.get(0))).isTrue();
        assertThat(ended(runs.get(1))).isTrue();
    }

    @Test
    void aGroupReadsWhatItsRunsNeedOnceForAllOfThem() {
        Map<String, Integer> one = queriesWhileCompleting(1);
        Map<String, Integer> three = queriesWhileCompleting(3);

        // nothing is read run by run: the group's reads (tasks, executions, variables, history rows) once each
        assertThat(three).as("a group of three against a group of one").isEqualTo(one);
        assertThat(one).containsKeys("selectExternalTaskByQueryCriteria", "selectExecutionByNativeQuery",
                "selectVariableInstanceByQueryCriteria", "selectHistoricProcessInstancesByQueryCriteria");
    }

    /**
     * Completes {@code runs} held runs in one group and counts the queries Camunda ran meanwhile on this
     * thread, by the name of its statement (what it wrote is not counted).
     */
    private Map<String, Integer> queriesWhileCompleting(int runs) {
        List<String> processes = heldRuns(runs);
        String mine = "group-test-" + UUID.randomUUID();
        List<String> tasks = lockAll(processes, mine);
        Map<String, Integer> queries = CountedQueries.on(engine).during(() ->
                assertThat(groups.completeHeld(mine, tasks, task -> task, task -> { })).isEmpty());
        processes.forEach(run -> assertThat(ended(run)).isTrue());
        return queries;
    }

    /** Fires {@code count} events with the worker paused; returns their runs' process instance ids. */
    private List<String> heldRuns(int count) {
        return new ArrayList<>(HeldRuns.fire(admin(), receiver, worker, jdbc, count).keySet());
    }

    private List<String> lockAll(List<String> processInstances, String workerId) {
        return processInstances.stream().map(run -> lock(run, workerId)).toList();
    }

    /** Fetches and locks the run's delivery task as {@code workerId} would. */
    private String lock(String processInstance, String workerId) {
        String execution = jdbc.sql("select id from executions where process_instance_id = ?").param(processInstance)
                .query(UUID.class).single().toString();
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, workerId)
                .topic(ActionProcesses.WEBHOOK_TOPIC, 60_000)
                .processInstanceVariableEquals(ActionProcesses.EXECUTION_ID, execution).execute();
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getProcessInstanceId()).isEqualTo(processInstance);
        return locked.get(0).getId();
    }

    private boolean ended(String processInstance) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstance).singleResult()
                .getEndTime() != null;
    }

    /** What a caller writes before a completion: a row in a table of the test's own. */
    private void mark(String task) {
        jdbc.sql("insert into group_test_marks (task) values (?)").param(task).update();
    }

    private List<String> marked() {
        return jdbc.sql("select task from group_test_marks").query(String.class).list();
    }

    private String statusOf(String processInstance) {
        return jdbc.sql("select status from executions where process_instance_id = ?").param(processInstance)
                .query(String.class).single();
    }
}
