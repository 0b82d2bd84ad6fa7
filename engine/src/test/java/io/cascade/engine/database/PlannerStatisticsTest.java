package io.cascade.engine.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.engine.testsupport.TestDatabase;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PlannerStatisticsTest {

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final PlannerStatistics statistics = new PlannerStatistics(dataSource,
            new DataSourceTransactionManager(dataSource), true, Duration.ofSeconds(10));

    @BeforeEach
    void probeTables() {
        jdbc.sql("create table planner_probe_filled (id int primary key)").update();
        jdbc.sql("create table planner_probe_quiet (id int primary key)").update();
    }

    @AfterEach
    void dropProbes() {
        jdbc.sql("drop table if exists planner_probe_filled, planner_probe_quiet").update();
    }

    @Test
    void aTableIsDueOnceItsChangesPassTheThresholdPlusTheScaleFactorTimesItsRows() {
        PlannerStatistics.Table neverAnalyzed = new PlannerStatistics.Table("t", 51, -1, null, null);
        assertThat(neverAnalyzed.due(50, 0.1)).isTrue();
        assertThat(new PlannerStatistics.Table("t", 50, -1, null, null).due(50, 0.1)).isFalse();

        PlannerStatistics.Table large = new PlannerStatistics.Table("t", 1_000, 10_000, null, null);
        assertThat(large.due(50, 0.1)).as("1,000 of 10,000 rows changed: 1,050 needed").isFalse();
        assertThat(new PlannerStatistics.Table("t", 1_051, 10_000, null, null).due(50, 0.1)).isTrue();
    }

    @Test
    void aTablesOwnSettingsOverTheServers() {
        // the history tables' own 1% (HistoryTableVacuum)
        PlannerStatistics.Table history = new PlannerStatistics.Table("act_hi_actinst", 200, 10_000, null, 0.01);
        assertThat(history.due(50, 0.1)).isTrue();
        assertThat(new PlannerStatistics.Table("t", 60, -1, 100.0, null).due(50, 0.1)).isFalse();
    }

    @Test
    void analyzesTheTablesWhoseRowsChangedEnoughAndLeavesTheOthers() {
        jdbc.sql("insert into planner_probe_filled select g from generate_series(1, 500) g").update();
        jdbc.sql("insert into planner_probe_quiet select g from generate_series(1, 10) g").update();
        // each statement ran on a connection of its own, whose counts PostgreSQL publishes as it closes
        await().atMost(Duration.ofSeconds(30)).until(() -> modifiedSinceAnalyze("planner_probe_filled") == 500
                && modifiedSinceAnalyze("planner_probe_quiet") == 10);

        assertThat(statistics.analyzeDue()).contains("planner_probe_filled").doesNotContain("planner_probe_quiet");

        assertThat(rowsCounted("planner_probe_filled")).isEqualTo(500);
        assertThat(rowsCounted("planner_probe_quiet")).as("never analyzed").isEqualTo(-1);
    }

    private long modifiedSinceAnalyze(String table) {
        return jdbc.sql("select coalesce(n_mod_since_analyze, 0) from pg_stat_user_tables where relname = ?")
                .param(table).query(Long.class).optional().orElse(0L);
    }

    private double rowsCounted(String table) {
        return jdbc.sql("select reltuples from pg_class where oid = ?::regclass").param(table)
                .query(Double.class).single();
    }
}
