package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.testsupport.TestDatabase;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class HistoryTableVacuumTest {

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void historyTablesAreVacuumedAfterOnePercentOfTheirRowsChangedOnceTheEngineHasBuiltItsSchema() {
        startEngine().close();
        for (String table : HistoryTableVacuum.TABLES) {
            jdbc.sql("alter table " + table + " reset (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)")
                    .update();
        }

        startEngine().close();

        for (String table : HistoryTableVacuum.TABLES) {
            assertThat(options(table)).as(table)
                    .contains("autovacuum_vacuum_scale_factor=0.01", "autovacuum_analyze_scale_factor=0.01");
        }
    }

    @Test
    void aTableWithAutovacuumSettingsOfADatabaseOwnerKeepsThem() {
        startEngine().close();
        jdbc.sql("alter table act_hi_varinst reset (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)")
                .update();
        jdbc.sql("alter table act_hi_varinst set (autovacuum_vacuum_scale_factor = 0.05)").update();
        try {
            startEngine().close();

            assertThat(options("act_hi_varinst")).isEqualTo("autovacuum_vacuum_scale_factor=0.05");
        } finally {
            jdbc.sql("alter table act_hi_varinst reset (autovacuum_vacuum_scale_factor)").update();
        }
    }

    private String options(String table) {
        return jdbc.sql("select coalesce(array_to_string(reloptions, ','), '') from pg_class where oid = ?::regclass")
                .param(table).query(String.class).single();
    }

    private ProcessEngine startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setProcessEngineName("history-table-vacuum")
                        .setDataSource(dataSource)
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setJobExecutorActivate(false)
                        // the level the application and the process tests use: Camunda refuses a mismatch
                        .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.getProcessEnginePlugins().add(new HistoryTableVacuum());
        return configuration.buildProcessEngine();
    }
}
