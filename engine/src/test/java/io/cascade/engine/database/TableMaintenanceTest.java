package io.cascade.engine.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.engine.database.TableMaintenance.Rule;
import io.cascade.engine.database.TableMaintenance.Rules;
import io.cascade.engine.database.TableMaintenance.Table;
import io.cascade.engine.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class TableMaintenanceTest {

    /** PostgreSQL's defaults: vacuum 50 + 20%, inserts 1,000 + 20%, analyze 50 + 10%. */
    private static final Rules SERVER = new Rules(new Rule(50, 0.2), new Rule(1_000, 0.2), new Rule(50, 0.1));

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final TableMaintenance maintenance = new TableMaintenance(dataSource, true, Duration.ofSeconds(10));

    @BeforeEach
    void probeTables() {
        jdbc.sql("create table maintenance_probe_churned (id int primary key)").update();
        jdbc.sql("create table maintenance_probe_quiet (id int primary key)").update();
    }

    @AfterEach
    void dropProbes() {
        jdbc.sql("drop table if exists maintenance_probe_churned, maintenance_probe_quiet").update();
    }

    @Test
    void aTableIsAnalyzedOnceItsChangesPassTheThresholdPlusTheScaleFactorTimesItsRows() {
        assertThat(table(-1, 0, 0, 51, Map.of()).analyzeDue(SERVER)).as("never analyzed").isTrue();
        assertThat(table(-1, 0, 0, 50, Map.of()).analyzeDue(SERVER)).isFalse();
        assertThat(table(10_000, 0, 0, 1_000, Map.of()).analyzeDue(SERVER))
                .as("1,000 of 10,000 rows changed: 1,050 needed").isFalse();
        assertThat(table(10_000, 0, 0, 1_051, Map.of()).analyzeDue(SERVER)).isTrue();
    }

    @Test
    void aTableIsVacuumedOnceItsDeadRowsOrItsInsertsPassTheirRule() {
        assertThat(table(10_000, 2_050, 0, 0, Map.of()).vacuumDue(SERVER)).as("2,050 dead: 2,051 needed").isFalse();
        assertThat(table(10_000, 2_051, 0, 0, Map.of()).vacuumDue(SERVER)).isTrue();
        assertThat(table(10_000, 0, 3_000, 0, Map.of()).vacuumDue(SERVER)).as("3,000 inserted: 3,001 needed")
                .isFalse();
        assertThat(table(10_000, 0, 3_001, 0, Map.of()).vacuumDue(SERVER)).isTrue();
        Rules noInsertVacuum = new Rules(SERVER.vacuum(), new Rule(-1, 0.2), SERVER.analyze());
        assertThat(table(10_000, 0, 1_000_000, 0, Map.of()).vacuumDue(noInsertVacuum))
                .as("autovacuum_vacuum_insert_threshold -1 turns insert vacuums off").isFalse();
    }

    @Test
    void aTablesOwnSettingsOverTheServers() {
        // the history tables' own 1% (HistoryTableVacuum)
        Map<String, String> history = Map.of("autovacuum_vacuum_scale_factor", "0.01",
                "autovacuum_analyze_scale_factor", "0.01");
        assertThat(table(10_000, 200, 0, 200, history).vacuumDue(SERVER)).isTrue();
        assertThat(table(10_000, 200, 0, 200, history).analyzeDue(SERVER)).isTrue();
        assertThat(table(-1, 0, 0, 60, Map.of("autovacuum_analyze_threshold", "100")).analyzeDue(SERVER)).isFalse();

        Map<String, String> left = Map.of("autovacuum_enabled", "false");
        assertThat(table(10_000, 100_000, 0, 100_000, left).vacuumDue(SERVER)).as("autovacuum_enabled=false")
                .isFalse();
        assertThat(table(10_000, 100_000, 0, 100_000, left).analyzeDue(SERVER)).isFalse();
    }

    @Test
    void vacuumsAndAnalyzesTheTablesThatAreDueAndLeavesTheOthers() {
        jdbc.sql("insert into maintenance_probe_churned select g from generate_series(1, 500) g").update();
        jdbc.sql("delete from maintenance_probe_churned where id > 100").update();
        jdbc.sql("insert into maintenance_probe_quiet select g from generate_series(1, 10) g").update();
        // each statement ran on a connection of its own, whose counts PostgreSQL publishes as it closes
        await().atMost(Duration.ofSeconds(30)).until(() -> count("n_dead_tup", "maintenance_probe_churned") == 400
                && count("n_mod_since_analyze", "maintenance_probe_quiet") == 10);

        TableMaintenance.Pass pass = maintenance.maintainDue();

        assertThat(pass.vacuumed()).contains("maintenance_probe_churned").doesNotContain("maintenance_probe_quiet");
        assertThat(pass.analyzed()).contains("maintenance_probe_churned").doesNotContain("maintenance_probe_quiet");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("vacuum_count", "maintenance_probe_churned") == 1);
        assertThat(count("n_dead_tup", "maintenance_probe_churned")).as("dead rows reclaimed").isZero();
        assertThat(rowsCounted("maintenance_probe_churned")).isEqualTo(100);
        assertThat(count("vacuum_count", "maintenance_probe_quiet")).isZero();
        assertThat(rowsCounted("maintenance_probe_quiet")).as("never analyzed").isEqualTo(-1);
    }

    @Test
    void leavesItsConnectionAsItFoundIt() throws Exception {
        SingleConnectionDataSource single = new SingleConnectionDataSource(db.url(), db.user(), db.password(), true);
        try {
            single.getConnection().setAutoCommit(false);
            new TableMaintenance(single, true, Duration.ofSeconds(10)).maintainDue();

            Connection connection = single.getConnection();
            assertThat(connection.getAutoCommit()).isFalse();
            try (Statement statement = connection.createStatement();
                 ResultSet delay = statement.executeQuery("show vacuum_cost_delay")) {
                assertThat(delay.next()).isTrue();
                assertThat(delay.getString(1)).as("autovacuum's cost delay was the pass's only").isEqualTo("0");
            }
        } finally {
            single.destroy();
        }
    }

    @Test
    void doesNothingWhileAnotherNodeMaintains() throws Exception {
        jdbc.sql("insert into maintenance_probe_churned select g from generate_series(1, 500) g").update();
        jdbc.sql("delete from maintenance_probe_churned").update();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("n_dead_tup", "maintenance_probe_churned") == 500);
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            try (ResultSet locked = statement.executeQuery("select pg_try_advisory_lock(1128354627, 3)")) {
                assertThat(locked.next() && locked.getBoolean(1)).isTrue();
            }

            assertThat(maintenance.maintainDue()).isEqualTo(new TableMaintenance.Pass(List.of(), List.of()));
        }

        assertThat(maintenance.maintainDue().vacuumed()).as("once the other node let go")
                .contains("maintenance_probe_churned");
    }

    private static Table table(double rows, long dead, long inserted, long modified, Map<String, String> options) {
        return new Table("t", rows, dead, inserted, modified, options);
    }

    private long count(String column, String table) {
        return jdbc.sql("select coalesce(" + column + ", 0) from pg_stat_user_tables where relname = ?")
                .param(table).query(Long.class).optional().orElse(0L);
    }

    private double rowsCounted(String table) {
        return jdbc.sql("select reltuples from pg_class where oid = ?::regclass").param(table)
                .query(Double.class).single();
    }
}
