package io.cascade.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.engine.retention.HistoryRetention;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** cascade.history.retention: old history goes, recent history and runs still going stay. */
class RetentionIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private HistoryRetention retention;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private HistoryService history;
    @Autowired
    private ProcessEngineConfigurationImpl engine;
    @Value("${cascade.history.retention}")
    private Duration retentionSetting;
    @Value("${cascade.history.cleanup-batch-size}")
    private int batchSize;

    private final UUID team = UUID.randomUUID();
    private final UUID project = UUID.randomUUID();

    @BeforeEach
    void teamAndProject() {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("insert into teams (id, name, created_at) values (?, ?, ?)").params(team, unique("retention"), now).update();
        jdbc.sql("insert into projects (id, team_id, name, created_at) values (?, ?, ?, ?)")
                .params(project, team, "p", now).update();
    }

    @AfterEach
    void removeTeam() {
        jdbc.sql("delete from execution_attempts where execution_id in (select id from executions where team_id = ?)")
                .param(team).update();
        jdbc.sql("delete from executions where team_id = ?").param(team).update();
        jdbc.sql("delete from events where team_id = ?").param(team).update();
        jdbc.sql("delete from projects where team_id = ?").param(team).update();
        jdbc.sql("delete from teams where id = ?").param(team).update();
    }

    @Test
    void oldEventsGoWithTheirExecutionsAndAttemptsWhileRecentOnesAndRunsStillGoingStay() {
        OffsetDateTime old = OffsetDateTime.now().minus(retentionSetting).minusDays(1);
        OffsetDateTime recent = OffsetDateTime.now().minus(retentionSetting).plusDays(1);
        UUID oldFinished = event(old, "FINISHED", "FINISHED");
        UUID oldFailed = event(old, "FAILED");
        UUID oldWithoutRuns = event(old);
        UUID oldPending = event(old, "FINISHED", "PENDING");
        UUID oldRunning = event(old, "RUNNING");
        UUID recentFinished = event(recent, "FINISHED");

        HistoryRetention.Removed removed = retention.removeExpired();

        assertThat(eventsOfTeam()).containsExactlyInAnyOrder(oldPending, oldRunning, recentFinished);
        assertThat(executionsOf(oldFinished) + executionsOf(oldFailed) + executionsOf(oldWithoutRuns)).isZero();
        assertThat(executionsOf(oldPending)).isEqualTo(2);
        assertThat(executionsOf(oldRunning)).isEqualTo(1);
        assertThat(executionsOf(recentFinished)).isEqualTo(1);
        assertThat(attemptsOfTeam()).isEqualTo(4);
        // 3 events, 3 executions, 3 attempts of this test; other tests' events are all recent
        assertThat(removed.events()).isEqualTo(3);
        assertThat(removed.rows()).isEqualTo(9);
    }

    @Test
    void oneBatchRemovesAtMostTheBatchSizeAndAPassRemovesTheRest() {
        OffsetDateTime old = OffsetDateTime.now().minus(retentionSetting).minusDays(2);
        for (int i = 0; i < batchSize * 2 + 1; i++) {
            event(old.plusSeconds(i), "FINISHED");
        }

        HistoryRetention.Batch batch = retention.removeBatch(OffsetDateTime.now().minus(retentionSetting), null);

        assertThat(batch.looked()).isEqualTo(batchSize);
        assertThat(batch.removed().events()).isEqualTo(batchSize);
        assertThat(eventsOfTeam()).hasSize(batchSize + 1);

        retention.removeExpired();

        assertThat(eventsOfTeam()).isEmpty();
    }

    /** Their BPMN files say P30D; the setting wins, in the database and in the engine's cache. */
    @Test
    void theShippedProcessesKeepTheirHistoryAsLongAsTheRetention() {
        for (String key : List.of("webhook-action", "launch-action")) {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            assertThat(definition.getHistoryTimeToLive()).as(key).isEqualTo((int) retentionSetting.toDays());
            Integer cached = engine.getCommandExecutorTxRequired().execute(context -> engine.getDeploymentCache()
                    .findDeployedProcessDefinitionById(definition.getId()).getHistoryTimeToLive());
            assertThat(cached).as(key + " in the cache").isEqualTo((int) retentionSetting.toDays());
        }
    }

    @Test
    void camundaHistoryCleanupRemovesRunsPastTheRetentionAndKeepsRecentOnes() {
        String key = "retention-probe-" + UUID.randomUUID().toString().substring(0, 8);
        repository.createDeployment().addModelInstance(key + ".bpmn",
                Bpmn.createExecutableProcess(key).camundaHistoryTimeToLiveString(null).startEvent().receiveTask("wait").endEvent().done()).deploy();
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).singleResult();
        // a definition without a time to live of its own gets the engine's: the retention
        assertThat(definition.getHistoryTimeToLive()).isEqualTo((int) retentionSetting.toDays());

        Instant longAgo = Instant.now().minus(retentionSetting).minus(Duration.ofDays(1));
        String old;
        ClockUtil.setCurrentTime(Date.from(longAgo));
        try {
            old = runtime.startProcessInstanceByKey(key).getId();
            runtime.deleteProcessInstance(old, "finished long ago");
        } finally {
            ClockUtil.reset();
        }
        String running = runtime.startProcessInstanceByKey(key).getId();

        // removal time from the start: set on a run that is still going, start + retention
        HistoricProcessInstance stillRunning = history.createHistoricProcessInstanceQuery()
                .processInstanceId(running).singleResult();
        assertThat(stillRunning.getRemovalTime().toInstant())
                .isEqualTo(stillRunning.getStartTime().toInstant().plus(retentionSetting));

        // the batch window makes the engine schedule its cleanup job at startup; here it is made due now
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty();
        history.cleanUpHistoryAsync(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (history.createHistoricProcessInstanceQuery().processInstanceId(old).count() > 0
                && System.nanoTime() < deadline) {
            sleep();
        }

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(old).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(old).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(running).count()).isOne();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(running).count()).isPositive();

        runtime.deleteProcessInstance(running, "test over");
        repository.deleteDeployment(definition.getDeploymentId(), true);
    }

    /** An event created at {@code at} with one execution per status, each with one attempt. */
    private UUID event(OffsetDateTime at, String... statuses) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into events (id, team_id, project_id, event_key, event_type, response, created_at)
                        values (?, ?, ?, ?, 'CREATE_ARTIFACT', '{}', ?)""")
                .params(id, team, project, id.toString(), at).update();
        for (String status : statuses) {
            UUID execution = UUID.randomUUID();
            jdbc.sql("""
                            insert into executions (id, team_id, project_id, event_id, automation_id, automation_name,
                            action_type, action, status, attempts, created_at, updated_at)
                            values (?, ?, ?, ?, ?, 'a', 'GENERIC_WEBHOOK', '{}', ?, 1, ?, ?)""")
                    .params(execution, team, project, id, UUID.randomUUID(), status, at, at).update();
            jdbc.sql("""
                            insert into execution_attempts (id, execution_id, number, started_at, duration_ms)
                            values (?, ?, 1, ?, 5)""")
                    .params(UUID.randomUUID(), execution, at).update();
        }
        return id;
    }

    private List<UUID> eventsOfTeam() {
        return jdbc.sql("select id from events where team_id = ?").param(team).query(UUID.class).list();
    }

    private int executionsOf(UUID event) {
        return jdbc.sql("select count(*) from executions where event_id = ?").param(event).query(Integer.class).single();
    }

    private int attemptsOfTeam() {
        return jdbc.sql("""
                        select count(*) from execution_attempts a join executions x on x.id = a.execution_id
                        where x.team_id = ?""").param(team).query(Integer.class).single();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
