package io.cascade.processes;

import io.cascade.engine.testsupport.TestDatabase;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** A real Camunda engine on the test PostgreSQL, with the given beans for the BPMN's expressions. */
final class TestEngines {

    private TestEngines() {
    }

    /** The map is the engine's bean registry: beans put in later are seen too. */
    static ProcessEngine start(String name, Map<Object, Object> beans) {
        TestDatabase.Connection db = TestDatabase.get();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setProcessEngineName(name)
                        .setJdbcDriver("org.postgresql.Driver")
                        .setJdbcUrl(db.url())
                        .setJdbcUsername(db.user())
                        .setJdbcPassword(db.password())
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setJobExecutorActivate(false)
                        .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setBeans(beans);
        return configuration.buildProcessEngine();
    }
}
