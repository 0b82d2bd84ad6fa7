package io.cascade.api.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What Camunda's history keeps of a webhook run: the instance, its activities, failed attempts and
 * incidents, and of its variables the execution it ran (Cockpit reads a running instance's variables
 * from the runtime tables); not a detail row per variable write, nor the created and succeeded
 * entries of the job log or of a delivery's external task log (OperatorHistory).
 */
class OperatorHistoryIntegrationTest extends ApiIntegrationTest {

    @Test
    void aDeliveredRunKeepsItsInstanceActivitiesAndExecutionIdButNoOtherVariableOrSuccessLog() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String processInstance = deliveredRun(receiver);

            assertThat(history("process-instance/" + processInstance).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(history("activity-instance?processInstanceId=" + processInstance)).isNotEmpty();
            assertThat(history("process-instance/" + processInstance).get("businessKey").asText())
                    .contains("/notify-ci/");
            JsonNode variables = history("variable-instance?processInstanceId=" + processInstance);
            assertThat(variables).hasSize(1);
            assertThat(variables.get(0).get("name").asText()).isEqualTo("executionId");
            assertThat(history("detail?processInstanceId=" + processInstance)).isEmpty();
            assertThat(history("job-log?processInstanceId=" + processInstance)).isEmpty();
            assertThat(history("external-task-log?processInstanceId=" + processInstance)).isEmpty();
        }
    }

    @Test
    void aFailedAttemptStaysInTheDeliveryLog() throws Exception {
        try (Receiver receiver = new Receiver().answering(503)) {
            String processInstance = deliveredRun(receiver);

            JsonNode log = history("external-task-log?processInstanceId=" + processInstance);
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("failureLog").asBoolean()).isTrue();
            assertThat(log.get(0).get("errorMessage").asText()).contains("503");
        }
    }

    private String deliveredRun(Receiver receiver) {
        TeamFixture team = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        String execution = team.fire("alice");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "FINISHED".equals(team.execution(execution).get("status").asText()));
        String processInstance = team.execution(execution).get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "COMPLETED".equals(history("process-instance/" + processInstance).get("state").asText()));
        return processInstance;
    }

    private JsonNode history(String path) {
        return admin().get().uri("/engine-rest/history/" + path).retrieve().body(JsonNode.class);
    }
}
