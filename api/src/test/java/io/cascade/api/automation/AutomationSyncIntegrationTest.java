package io.cascade.api.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several nodes share one database: a change another node makes reaches this node's matcher
 * within 2 seconds. The other node is simulated by writing the automations table directly, as
 * its AutomationRepository would, which this node learns of only by polling.
 */
class AutomationSyncIntegrationTest extends ApiIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    private final Receiver receiver = new Receiver();
    @Autowired
    private JdbcClient jdbc;
    private TeamFixture team;

    AutomationSyncIntegrationTest() throws Exception {
    }

    @BeforeEach
    void teamWithAWebhook() {
        team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anAutomationCreatedOnAnotherNodeFiresHereWithinTwoSeconds() {
        assertThat(wouldFire(team.newVersion())).isEmpty();

        insertAsAnotherNode("from-node-b", TeamFixture.COLLECTION);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(wouldFire(team.newVersion()))
                .containsExactly("from-node-b"));
    }

    @Test
    void anAutomationDisabledOnAnotherNodeStopsFiringHereWithinTwoSeconds() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        assertThat(wouldFire(team.newVersion())).containsExactly("retrain");

        updateAsAnotherNode(id, "enabled = false");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(wouldFire(team.newVersion())).isEmpty());
    }

    @Test
    void aTriggerChangedOnAnotherNodeAppliesHereWithinTwoSeconds() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        Map<String, Object> evalData = team.event("CREATE_ARTIFACT", "eval-data");
        assertThat(wouldFire(evalData)).isEmpty();

        updateAsAnotherNode(id, "collection = 'eval-data'");

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(wouldFire(evalData)).containsExactly("retrain");
            assertThat(wouldFire(team.newVersion())).isEmpty();
        });
    }

    @Test
    void anAutomationDeletedOnAnotherNodeStopsFiringHereWithinTwoSeconds() {
        String id = team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        assertThat(wouldFire(team.newVersion())).containsExactly("retrain");

        updateAsAnotherNode(id, "deleted = true, live_name = null");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(wouldFire(team.newVersion())).isEmpty());
    }

    private List<String> wouldFire(Map<String, Object> event) {
        JsonNode answer = admin().post().uri("/api/v1/events/dry-run").contentType(MediaType.APPLICATION_JSON)
                .body(event).retrieve().body(JsonNode.class);
        List<String> names = new ArrayList<>();
        answer.get("wouldFire").forEach(fires -> names.add(fires.get("automation").asText()));
        return names;
    }

    private void insertAsAnotherNode(String name, String collection) {
        jdbc.sql("""
                        insert into automations (id, team_id, project_id, name, live_name, description, enabled,
                        event_type, collection, alias_pattern, action_type, action_name, queue, action, revision,
                        created_at, updated_at)
                        select ?, t.id, p.id, ?, ?, null, true, 'CREATE_ARTIFACT', ?, null, 'GENERIC_WEBHOOK', 'ci',
                        null, ?, ?, now(), now()
                        from teams t join projects p on p.team_id = t.id where t.name = ? and p.name = ?""")
                .params(UUID.randomUUID(), name, name, collection,
                        "{\"type\":\"GENERIC_WEBHOOK\",\"webhook\":\"ci\",\"payload\":\"{\\\"from\\\":\\\"node-b\\\"}\"}",
                        revisionNow(), team.name(), TeamFixture.PROJECT)
                .update();
    }

    private void updateAsAnotherNode(String id, String change) {
        int updated = jdbc.sql("update automations set " + change
                        + ", revision = greatest(revision + 1, ?), updated_at = now() where id = ?")
                .params(revisionNow(), UUID.fromString(id))
                .update();
        assertThat(updated).isEqualTo(1);
    }

    /** Revisions are microseconds since the epoch, as every node stamps them. */
    private static long revisionNow() {
        return System.currentTimeMillis() * 1000;
    }
}
