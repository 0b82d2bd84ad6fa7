package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Webhook deliveries are external tasks on topic cascade-webhook that only Cascade's delivery worker
 * takes: the team's own agent (a MEMBER, who may fetch its team's launch runs) and even a system
 * administrator cannot fetch, lock, complete, fail or extend them over the REST API.
 */
class WebhookTopicIntegrationTest extends ApiIntegrationTest {

    private static final String TOPIC = "cascade-webhook";

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;

    WebhookTopicIntegrationTest() throws Exception {
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void noAccountCanTakeADeliveryTaskOverTheRestApi() {
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        String agent = acme.member("MEMBER");
        worker.pause();
        String id = acme.fire("alice");
        String processInstance = acme.execution(id).get("processInstanceId").asText();
        String task = admin().get().uri("/engine-rest/external-task?processInstanceId={p}", processInstance)
                .retrieve().body(JsonNode.class).get(0).get("id").asText();

        for (String user : List.of(agent, ADMIN_USER)) {
            String password = user.equals(ADMIN_USER) ? ADMIN_PASSWORD : TeamFixture.password(user);
            ResponseEntity<String> fetch = post(user, password, "/engine-rest/external-task/fetchAndLock",
                    Map.of("workerId", "thief", "maxTasks", 10, "topics", List.of(
                            Map.of("topicName", TOPIC, "lockDuration", 60_000, "tenantIdIn", List.of(acme.name())))));
            assertThat(fetch.getStatusCode().value()).as(user + ": " + fetch.getBody()).isEqualTo(403);
            assertThat(fetch.getBody()).contains(TOPIC);
            ResponseEntity<String> mixed = post(user, password, "/engine-rest/external-task/fetchAndLock",
                    Map.of("workerId", "thief", "maxTasks", 10, "topics", List.of(
                            Map.of("topicName", "launch-job", "lockDuration", 60_000),
                            Map.of("topicName", TOPIC, "lockDuration", 60_000))));
            assertThat(mixed.getStatusCode().value()).as(user + ": " + mixed.getBody()).isEqualTo(403);
            for (String write : List.of("complete", "failure", "bpmnError", "extendLock", "unlock", "lock")) {
                ResponseEntity<String> answer = post(user, password, "/engine-rest/external-task/" + task + "/" + write,
                        Map.of("workerId", "thief", "errorCode", "WEBHOOK_REJECTED", "newDuration", 1000,
                                "lockDuration", 60_000, "retries", 0));
                assertThat(answer.getStatusCode().value()).as(user + " " + write + ": " + answer.getBody())
                        .isEqualTo(404);
                assertThat(answer.getBody()).doesNotContain(processInstance).doesNotContain("rocess");
            }
        }
        JsonNode untouched = admin().get().uri("/engine-rest/external-task/{id}", task).retrieve().body(JsonNode.class);
        assertThat(untouched.get("workerId").isNull()).as("nobody locked it").isTrue();
        assertThat(receiver.received()).isEmpty();

        worker.resume();

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id);
    }

    private ResponseEntity<String> post(String user, String password, String path, Object body) {
        return as(user, password).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .body(new String(response.getBody().readAllBytes())));
    }
}
