package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cascade.engine.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ExternalTaskIndexTest {

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void indexExistsOnceTheEngineHasBuiltItsSchema() {
        jdbc.sql("drop index if exists " + ExternalTaskIndex.NAME).update();

        ProcessEngine engine = startEngine();
        try {
            assertThat(indexDefinitions()).singleElement().asString().contains("(proc_inst_id_)");
        } finally {
            engine.close();
        }
    }

    @Test
    void creatingTheIndexSurvivesLosingTheRaceToAnotherNode() throws Exception {
        startEngine().close();
        jdbc.sql("drop index if exists " + ExternalTaskIndex.NAME).update();

        try (Connection otherNode = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            otherNode.setAutoCommit(false);
            otherNode.createStatement().execute(ExternalTaskIndex.CREATE);
            CompletableFuture<Void> thisNode = CompletableFuture.runAsync(() -> ExternalTaskIndex.create(dataSource));
            awaitBlockedOnTheOtherNode();
            otherNode.commit();

            assertThatCode(() -> thisNode.get()).doesNotThrowAnyException();
        }
        assertThat(indexDefinitions()).hasSize(1);
    }

    private List<String> indexDefinitions() {
        return jdbc.sql("select indexdef from pg_indexes where tablename = 'act_ru_ext_task' and indexname = ?")
                .param(ExternalTaskIndex.NAME).query(String.class).list();
    }

    /** This node's create waits for the other node's uncommitted index; once that commits, it fails once. */
    private void awaitBlockedOnTheOtherNode() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (jdbc.sql("""
                        select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                        where not l.granted and a.datname = current_database()
                        and a.query ilike 'create index%' and a.pid <> pg_backend_pid()""")
                .query(Integer.class).single() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the second create never waited for the first");
            }
            Thread.sleep(20);
        }
    }

    private ProcessEngine startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                        .setProcessEngineName("external-task-index")
                        .setDataSource(dataSource)
                        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                        .setJobExecutorActivate(false)
                        // the level the application and the process tests use: Camunda refuses a mismatch
                        .setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.getProcessEnginePlugins().add(new ExternalTaskIndex());
        return configuration.buildProcessEngine();
    }
}
