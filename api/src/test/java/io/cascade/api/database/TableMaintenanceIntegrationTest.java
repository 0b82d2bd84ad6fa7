package io.cascade.api.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.database.TableMaintenance;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a PostgreSQL with autovacuum off, a backlog of waiting webhook runs gets Camunda's variable table
 * analyzed while it waits, so the planner knows how many runs there are when the worker fetches them
 * (docs/benchmarks.md: without statistics, a backlog of 5,000 runs cost 2.5–5 ms a fetched task instead
 * of 0.07), and the rows the delivered runs leave dead are vacuumed. Where autovacuum runs, it does both
 * on its own schedule and this test is skipped.
 */
class TableMaintenanceIntegrationTest extends ApiIntegrationTest {

    private static final int BACKLOG = 300;

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TableMaintenance maintenance;

    TableMaintenanceIntegrationTest() throws Exception {
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void aBacklogOfWaitingRunsIsAnalyzedWhileItWaitsAndVacuumedOnceDelivered() {
        assumeThat(maintenance.active()).as("Cascade maintains the tables (autovacuum off)").isTrue();
        long vacuumsBefore = vacuums("act_ru_ext_task");
        TeamFixture team = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        worker.pause();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            Map<String, Object> event = team.newVersion();
            event.put("id", "backlog-" + i);
            events.add(event);
        }
        admin().post().uri("/api/v1/events/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("events", events)).retrieve().toBodilessEntity();

        // statistics taken before the backlog (other tests' runs) know of fewer executions than it has
        await().atMost(Duration.ofSeconds(60)).until(() -> distinctExecutions() >= BACKLOG);
        assertThat(rowsCounted("act_ru_variable")).as("rows the planner knows of: one variable a run")
                .isGreaterThanOrEqualTo(BACKLOG);

        worker.resume();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= BACKLOG);
        assertThat(receiver.received()).hasSize(BACKLOG);
        // each delivered run's external task was deleted: 300 dead rows, past 50 + 20% of the rows left
        await().atMost(Duration.ofSeconds(60)).until(() -> vacuums("act_ru_ext_task") > vacuumsBefore);
    }

    private long vacuums(String table) {
        return jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = ?").param(table)
                .query(Long.class).single();
    }

    private double rowsCounted(String table) {
        return jdbc.sql("select reltuples from pg_class where oid = ?::regclass").param(table)
                .query(Double.class).single();
    }

    /** pg_stats' n_distinct: a count, or (negative) a share of the rows. */
    private double distinctExecutions() {
        double distinct = jdbc.sql("""
                        select n_distinct from pg_stats where schemaname = current_schema()
                        and tablename = 'act_ru_variable' and attname = 'execution_id_'""")
                .query(Double.class).optional().orElse(0.0); // no row: never analyzed
        return distinct >= 0 ? distinct : -distinct * rowsCounted("act_ru_variable");
    }
}
