package io.cascade.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RunLabels;
import io.cascade.engine.camunda.SharedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs started inside one shared Camunda command, as the event inbox starts a batch's: Camunda writes
 * them when the command ends, all together, and not before; work that fails takes them all back; and a
 * savepoint rolled back inside the command does not, which is why the command counts the starts.
 */
class SharedCommandIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private SharedCommand shared;
    @Autowired
    private ActionProcesses processes;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private PlatformTransactionManager transactions;

    private final List<String> started = new ArrayList<>();

    SharedCommandIntegrationTest() throws Exception {
    }

    @AfterEach
    void removeTheRuns() {
        for (String id : started) {
            if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtime.deleteProcessInstance(id, "test cleanup", true, true);
            }
        }
    }

    @Test
    void theRunsStartedInsideAreWrittenTogetherWhenTheCommandEnds() {
        shared.run(() -> {
            started.add(startLaunch());
            started.add(startLaunch());
            // the same transaction's connection: nothing of the two runs is written yet
            assertThat(inDatabase(started)).isZero();
            return null;
        });

        assertThat(inDatabase(started)).isEqualTo(2);
    }

    @Test
    void knowsWhetherWorkRunsInsideIt() {
        assertThat(shared.isActive()).isFalse();
        assertThat(shared.run(() -> shared.run(shared::isActive) && shared.isActive())).isTrue();
        assertThat(shared.isActive()).isFalse();
    }

    @Test
    void workThatFailsTakesBackEveryRunStartedInside() {
        assertThatThrownBy(() -> shared.run(() -> {
            started.add(startLaunch());
            started.add(startLaunch());
            throw new IllegalStateException("the batch fails");
        })).hasMessage("the batch fails");

        assertThat(inDatabase(started)).isZero();
    }

    @Test
    void aRolledBackSavepointDoesNotTakeBackARunStartedInsideIt() {
        TransactionTemplate savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        shared.run(() -> {
            assertThatThrownBy(() -> savepoint.executeWithoutResult(status -> {
                started.add(startLaunch());
                throw new IllegalStateException("the event is refused");
            })).hasMessage("the event is refused");
            return null;
        });

        assertThat(inDatabase(started)).as("written at the command's end all the same").isEqualTo(1);
    }

    private String startLaunch() {
        String execution = UUID.randomUUID().toString();
        return processes.startLaunch(new RunLabels(execution, UUID.randomUUID().toString(), "shared-command-test",
                "project", UUID.randomUUID().toString(), "event", "CREATE_ARTIFACT", "collection", "v1",
                "job"), "shared-command-test-team", "queue", Map.of());
    }

    private long inDatabase(List<String> processInstances) {
        if (processInstances.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from act_ru_execution where id_ in (:ids)").param("ids", processInstances)
                .query(Long.class).single();
    }
}
