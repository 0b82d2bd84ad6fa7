package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.camunda.LockedTasks.Locked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The delivery fetch on H2, the default profile's database, where the indexes are plain ones: due
 * tasks in the order they became due, a failed one once its wait for the next attempt has ended.
 */
class LockedTasksH2Test {

    private static final String TOPIC = "due-order";

    private final ProcessEngine engine = startEngine();
    private final LockedTasks lockedTasks =
            new LockedTasks((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void takesDueTasksOldestFirstAndAFailedOneWhenItsWaitEnded() throws Exception {
        engine.getRepositoryService().createDeployment().addModelInstance("due-order.bpmn",
                Bpmn.createExecutableProcess("due-order").camundaHistoryTimeToLive(1).startEvent()
                        .serviceTask("work").camundaExternalTask(TOPIC).endEvent().done()).deploy();
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(engine.getRuntimeService().startProcessInstanceByKey("due-order").getId());
            Thread.sleep(5); // distinct create times
        }
        List<Locked> oldest = lockedTasks.fetchAndLock("other", TOPIC, 1, Duration.ofMinutes(1));
        assertThat(oldest).extracting(Locked::processInstanceId).containsExactly(runs.get(0));
        engine.getExternalTaskService().handleFailure(oldest.get(0).id(), "other", "receiver down", 2, 0);
        Thread.sleep(5);
        runs.add(engine.getRuntimeService().startProcessInstanceByKey("due-order").getId());

        List<Locked> locked = lockedTasks.fetchAndLock("worker", TOPIC, 10, Duration.ofMinutes(1));

        assertThat(locked).extracting(Locked::processInstanceId)
                .containsExactly(runs.get(1), runs.get(2), runs.get(0), runs.get(3));
        assertThat(lockedTasks.fetchAndLock("another", TOPIC, 10, Duration.ofMinutes(1)))
                .as("all held by the first worker").isEmpty();
    }

    private static ProcessEngine startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setProcessEngineName("locked-tasks-h2")
                        .setDataSource(new DriverManagerDataSource("jdbc:h2:mem:locked-tasks-" + UUID.randomUUID()
                                + ";DB_CLOSE_DELAY=-1", "sa", ""))
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setJobExecutorActivate(false)
                        .setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        configuration.getProcessEnginePlugins().add(new ExternalTaskIndexes());
        return configuration.buildProcessEngine();
    }
}
