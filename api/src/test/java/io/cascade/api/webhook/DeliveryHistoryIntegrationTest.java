package io.cascade.api.webhook;

import io.cascade.api.team.TeamFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** What history shows of real deliveries: the receiver's status, the scheduled retry, the webhook-id, Cockpit. */
class DeliveryHistoryIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    DeliveryHistoryIntegrationTest() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDeliveredExecutionShowsTheReceiversStatusItsWebhookIdAndForAdministratorsItsCockpitPage() {
        receiver.answering(202);
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        String history = "/api/v1/teams/" + acme.name() + "/executions";
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.get(history).get("items").get(0)
                .get("status").asText()));

        JsonNode item = acme.get(history).get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("lastResponseStatus").asInt()).isEqualTo(202);
        assertThat(item.get("action").get("webhook").asText()).isEqualTo("ci");
        assertThat(item.get("event").get("version").asText()).isEqualTo("v3");
        assertThat(item.get("nextAttemptAt").isNull()).isTrue();
        JsonNode detail = acme.execution(id);
        assertThat(detail.get("webhookId").asText()).isEqualTo(receiver.received().get(0).header("webhook-id"))
                .isEqualTo(id);
        assertThat(detail.get("cockpitUrl").asText())
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + detail.get("processInstanceId").asText());

        String teamAdmin = acme.member("ADMIN");
        JsonNode asTeamAdmin = as(teamAdmin, TeamFixture.password(teamAdmin)).get().uri("/api/v1/executions/{id}", id).retrieve()
                .body(JsonNode.class);
        assertThat(asTeamAdmin.get("webhookId").asText()).isEqualTo(id);
        assertThat(asTeamAdmin.get("cockpitUrl").asText()).as("a team's operators open their runs in Cockpit")
                .isEqualTo(detail.get("cockpitUrl").asText());
    }

    @Test
    void aFailedAttemptShowsWhenTheRetryIsDue() {
        receiver.answering(503).retryAfter("120");
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null)
                .notifyCi("{}");
        String id = acme.fire("alice");
        String history = "/api/v1/teams/" + acme.name() + "/executions?status=RUNNING";
        OffsetDateTime sent = OffsetDateTime.now();
        await().atMost(Duration.ofSeconds(30)).until(() -> acme.get(history).get("items").size() == 1
                && !acme.get(history).get("items").get(0).get("nextAttemptAt").isNull());

        JsonNode item = acme.get(history).get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("lastResponseStatus").asInt()).isEqualTo(503);
        assertThat(item.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(item.get("nextAttemptAt").asText()))
                .isAfter(sent.plusSeconds(100)).isBefore(sent.plusSeconds(150));
    }
}
