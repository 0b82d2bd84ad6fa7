package io.cascade.api.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.util.Map;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A redelivery and a retry from Cockpit retry one and the same delivery task: the two never deliver at once. */
class RedeliverAndCockpitRetryIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private DeliveryWorker worker;

    @Test
    void aRedeliveryWhileACockpitRetryIsPendingIsRefused() throws Exception {
        try (Receiver receiver = new Receiver().answering(500, 500, 500)) {
            Run run = failedRun(receiver);
            // the operator's retry, as Cockpit sends it, not yet taken by the delivery worker
            worker.pause();
            try {
                admin().put().uri("/engine-rest/external-task/{id}/retries", run.task())
                        .contentType(MediaType.APPLICATION_JSON).body(Map.of("retries", 1)).retrieve()
                        .toBodilessEntity();

                ResponseEntity<String> redeliver = redeliver(run.executionId());

                assertThat(redeliver.getStatusCode().value()).as(redeliver.getBody()).isEqualTo(409);
                assertThat(redeliver.getBody()).contains("being retried from Cockpit");
                assertThat(receiver.received()).hasSize(3);
            } finally {
                worker.resume();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 4);
        }
    }

    @Test
    void aRedeliveryOfARunWithAnIncidentRetriesItsTaskAndTheExecutionFinishes() throws Exception {
        try (Receiver receiver = new Receiver().answering(500, 500, 500)) {
            Run run = failedRun(receiver);

            ResponseEntity<String> redeliver = redeliver(run.executionId());

            assertThat(redeliver.getStatusCode().value()).as(redeliver.getBody()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(execution(run.executionId())
                    .get("status").asText()));
            JsonNode execution = execution(run.executionId());
            assertThat(execution.get("processInstanceId").asText()).isEqualTo(run.processInstanceId());
            assertThat(receiver.received()).hasSize(4);
            JsonNode incidents = admin().get().uri("/engine-rest/history/incident?processInstanceId={p}",
                    run.processInstanceId()).retrieve().body(JsonNode.class);
            assertThat(incidents).hasSize(1);
            assertThat(incidents.get(0).get("resolved").asBoolean()).as(incidents.toString()).isTrue();
            assertThat(redeliver(run.executionId()).getStatusCode().value()).isEqualTo(202);
        }
    }

    private Run failedRun(Receiver receiver) {
        TeamFixture team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String executionId = admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(team.newVersion()).retrieve().body(JsonNode.class).get("executions").get(0).get("id").asText();
        String processInstanceId = execution(executionId).get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin().get()
                .uri("/engine-rest/incident?processInstanceId={p}", processInstanceId).retrieve()
                .body(JsonNode.class).isEmpty());
        JsonNode incident = admin().get().uri("/engine-rest/incident?processInstanceId={p}", processInstanceId)
                .retrieve().body(JsonNode.class).get(0);
        assertThat(incident.get("incidentMessage").asText()).isEqualTo("webhook ci: receiver answered HTTP 500 (attempt 3)");
        assertThat(execution(executionId).get("status").asText()).isEqualTo("FAILED");
        return new Run(executionId, processInstanceId, incident.get("configuration").asText());
    }

    private ResponseEntity<String> redeliver(String executionId) {
        return as(ADMIN_USER, ADMIN_PASSWORD).post().uri("/api/v1/executions/{id}/redeliver", executionId)
                .retrieve().toEntity(String.class);
    }

    private JsonNode execution(String executionId) {
        return admin().get().uri("/api/v1/executions/{id}", executionId).retrieve().body(JsonNode.class);
    }

    private record Run(String executionId, String processInstanceId, String task) {
    }
}
