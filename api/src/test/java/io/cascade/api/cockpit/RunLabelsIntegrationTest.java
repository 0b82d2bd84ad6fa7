package io.cascade.api.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run can be found in Cockpit by what it is: its business key reads
 * {@code <project>/<automation>/<event key>}, and once an attempt has failed (so it waits where
 * operators look) its variables name the automation, event and action. No secret or payload is there.
 */
class RunLabelsIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private RuntimeService runtime;

    @AfterEach
    void resumeDelivery() {
        worker.resume();
    }

    @Test
    void aRunNotAttemptedYetCarriesOnlyWhatItsDeliveryReads() throws Exception {
        try (Receiver receiver = new Receiver()) {
            TeamFixture team = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
            worker.pause();

            String execution = team.fire("alice");
            String processInstanceId = team.execution(execution).get("processInstanceId").asText();

            assertThat(runtime.getVariables(processInstanceId)).containsOnly(Map.entry("executionId", execution));
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                    .getTenantId()).as("the team, passed to the tenant as a transient variable").isEqualTo(team.name());
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                    .getBusinessKey()).isEqualTo(TeamFixture.PROJECT + "/notify-ci/"
                    + jdbc.sql("select e.event_key from events e join executions x on x.event_id = e.id where x.id = ?")
                    .param(UUID.fromString(execution)).query(String.class).single());
        }
    }

    @Test
    void aMembersRunWaitingForItsNextAttemptCarriesReadableVariablesAndNoSecret() throws Exception {
        try (Receiver receiver = new Receiver().answering(503)) {
            TeamFixture team = TeamFixture.create(admin());
            team.secret("token", "s3cr3t-value");
            team.webhook("ci", receiver.url("/hook"));
            String automationId = team.automation(TeamFixture.request("retrain-on-new-data",
                    Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION), "ci",
                    "{\"token\":\"${token}\",\"version\":\"${artifact_version}\"}"));
            String member = team.member("MEMBER");
            Map<String, Object> event = new HashMap<>(team.newVersion());
            event.put("id", "client-key-7");

            // Camunda would not let the member start an instance: Cascade starts it without a Camunda user
            JsonNode answer = as(member, TeamFixture.password(member)).post().uri("/api/v1/events")
                    .contentType(MediaType.APPLICATION_JSON).body(event).retrieve().body(JsonNode.class);
            String executionId = answer.get("executions").get(0).get("id").asText();
            JsonNode execution = admin().get().uri("/api/v1/executions/{id}", executionId).retrieve()
                    .body(JsonNode.class);
            String processInstanceId = execution.get("processInstanceId").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            JsonNode instance = admin().get().uri("/engine-rest/process-instance/{id}", processInstanceId)
                    .retrieve().body(JsonNode.class);
            Map<String, String> variables = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                admin().get().uri("/engine-rest/variable-instance?processInstanceIdIn={id}", processInstanceId)
                        .retrieve().body(JsonNode.class)
                        .forEach(v -> variables.put(v.get("name").asText(), v.get("value").asText()));
                assertThat(variables).containsKey("automationName");
            });

            assertThat(instance.get("businessKey").asText()).isEqualTo("churn/retrain-on-new-data/client-key-7");
            assertThat(instance.get("tenantId").asText()).isEqualTo(team.name());
            assertThat(variables).containsEntry("executionId", executionId)
                    .containsEntry("automationId", automationId)
                    .containsEntry("automationName", "retrain-on-new-data")
                    .containsEntry("project", "churn")
                    .containsEntry("eventId", jdbc.sql("select event_id from executions where id = ?")
                            .param(UUID.fromString(executionId)).query(UUID.class).single().toString())
                    .containsEntry("eventKey", "client-key-7")
                    .containsEntry("eventType", "CREATE_ARTIFACT")
                    .containsEntry("collection", TeamFixture.COLLECTION)
                    .containsEntry("artifactVersion", "v3")
                    .containsEntry("actionName", "ci");
            assertThat(variables.values()).noneMatch(value -> value.contains("s3cr3t") || value.contains("\"token\""));
        }
    }
}
