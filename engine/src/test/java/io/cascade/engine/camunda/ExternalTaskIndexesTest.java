package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.cascade.engine.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Camunda's external tasks get Cascade's indexes once the engine has built its schema, also when another node races. */
class ExternalTaskIndexesTest {

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void indexesExistOnceTheEngineHasBuiltItsSchema() {
        ExternalTaskIndexes.ALL.forEach(index -> jdbc.sql("drop index if exists " + index.name()).update());

        ProcessEngine engine = startEngine();
        try {
            assertThat(indexDefinitions(ExternalTaskIndexes.BY_PROCESS_INSTANCE)).singleElement().asString()
                    .contains("(proc_inst_id_)");
            assertThat(indexDefinitions(ExternalTaskIndexes.NEW_BY_CREATE_TIME)).singleElement().asString()
                    .contains("(topic_name_, create_time_)").contains("WHERE ((lock_exp_time_ IS NULL)");
            assertThat(indexDefinitions(ExternalTaskIndexes.FETCHED_BY_LOCK_EXPIRY)).singleElement().asString()
                    .contains("(topic_name_, lock_exp_time_)").contains("WHERE ((lock_exp_time_ IS NOT NULL)");
        } finally {
            engine.close();
        }
    }

    @Test
    void theDeliveryFetchCanReadEachKindOfDueTaskFromItsIndex() throws Exception {
        startEngine().close();

        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // with the few rows of a test table the planner may prefer to scan it: what counts is that it can
            // answer each part from its index, which it cannot when the conditions do not match the index's
            connection.createStatement().execute("set local enable_seqscan = off");
            try (PreparedStatement explain = connection.prepareStatement("explain " + LockedTasks.DUE.formatted(
                    "act_ru_ext_task", "act_ru_ext_task"))) {
                explain.setString(1, "cascade-webhook");
                explain.setInt(2, 100);
                explain.setString(3, "cascade-webhook");
                explain.setTimestamp(4, Timestamp.from(Instant.now()));
                explain.setInt(5, 100);
                explain.setInt(6, 100);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            connection.rollback();
        }

        assertThat(String.join("\n", plan))
                .as("an index or bitmap index scan of each index")
                .contains(ExternalTaskIndexes.NEW_BY_CREATE_TIME.name())
                .contains(ExternalTaskIndexes.FETCHED_BY_LOCK_EXPIRY.name())
                .doesNotContain("Seq Scan");
    }

    @Test
    void creatingTheIndexSurvivesLosingTheRaceToAnotherNode() throws Exception {
        startEngine().close();
        ExternalTaskIndexes.Index index = ExternalTaskIndexes.BY_PROCESS_INSTANCE;
        jdbc.sql("drop index if exists " + index.name()).update();

        try (Connection otherNode = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            otherNode.setAutoCommit(false);
            otherNode.createStatement().execute(index.create(true));
            CompletableFuture<Void> thisNode = CompletableFuture.runAsync(() -> ExternalTaskIndexes.create(dataSource,
                    index, true));
            awaitBlockedOnTheOtherNode();
            otherNode.commit();

            assertThatCode(() -> thisNode.get()).doesNotThrowAnyException();
        }
        assertThat(indexDefinitions(index)).hasSize(1);
    }

    private List<String> indexDefinitions(ExternalTaskIndexes.Index index) {
        return jdbc.sql("select indexdef from pg_indexes where tablename = 'act_ru_ext_task' and indexname = ?")
                .param(index.name()).query(String.class).list();
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
        configuration.getProcessEnginePlugins().add(new ExternalTaskIndexes());
        return configuration.buildProcessEngine();
    }
}
