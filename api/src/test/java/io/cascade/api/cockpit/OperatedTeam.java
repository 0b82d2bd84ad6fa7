package io.cascade.api.cockpit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A team whose webhook receiver fails, so its runs end in incidents, with one account per role and
 * a launch automation whose runs wait as external tasks on collection {@value #LAUNCH_COLLECTION}.
 */
final class OperatedTeam implements AutoCloseable {

    static final List<String> ROLES = List.of("ADMIN", "MEMBER", "VIEWER");
    static final String LAUNCH_COLLECTION = "launch-data";

    final TeamFixture fixture;
    final Map<String, String> users = new LinkedHashMap<>();
    final Receiver receiver;
    private final RestClient admin;

    OperatedTeam(RestClient admin) throws Exception {
        this.admin = admin;
        this.fixture = TeamFixture.create(admin);
        Integer[] failures = new Integer[1000];
        java.util.Arrays.fill(failures, 500);
        this.receiver = new Receiver().answering(failures);
        fixture.webhook("ci", receiver.url("/hook"));
        fixture.automation(TeamFixture.onNewVersion("retrain-on-new-data", TeamFixture.COLLECTION, "ci"));
        ROLES.forEach(role -> users.put(role, fixture.member(role)));
        post("/api/v1/teams/" + name() + "/queues", Map.of("name", "gpu"));
        post("/api/v1/teams/" + name() + "/projects/churn/jobs", Map.of("name", "train"));
        post("/api/v1/teams/" + name() + "/projects/churn/jobs/train/versions",
                Map.of("config", Map.of("command", "python train.py")));
        post("/api/v1/teams/" + name() + "/projects/churn/automations", Map.of("name", "launch-train",
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", LAUNCH_COLLECTION),
                "action", Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0", "queue", "gpu",
                        "destinationProject", "churn")));
    }

    String name() {
        return fixture.name();
    }

    String user(String role) {
        return users.get(role);
    }

    /** A new webhook run; returns its execution. */
    JsonNode webhookRun() {
        String id = post("/api/v1/events", fixture.newVersion()).get("executions").get(0).get("id").asText();
        return execution(id);
    }

    /** A new webhook run that has used up its retries; returns its process instance id. */
    String failedRun() {
        String processInstanceId = webhookRun().get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !incidents(processInstanceId).isEmpty());
        return processInstanceId;
    }

    /** A new launch run waiting for an agent (no job of it runs meanwhile); returns its process instance id. */
    String waitingLaunchInstance() {
        String id = post("/api/v1/events", fixture.event("CREATE_ARTIFACT", LAUNCH_COLLECTION))
                .get("executions").get(0).get("id").asText();
        return execution(id).get("processInstanceId").asText();
    }

    /** A new launch run waiting for an agent; returns its external task's id. */
    String waitingLaunch() {
        return admin.get().uri("/engine-rest/external-task?processInstanceId={p}", waitingLaunchInstance()).retrieve()
                .body(JsonNode.class).get(0).get("id").asText();
    }

    JsonNode execution(String id) {
        return admin.get().uri("/api/v1/executions/{id}", id).retrieve().body(JsonNode.class);
    }

    JsonNode incidents(String processInstanceId) {
        return admin.get().uri("/engine-rest/incident?processInstanceId={p}", processInstanceId).retrieve()
                .body(JsonNode.class);
    }

    /** The failed webhook delivery's external task (its incident's configuration). */
    String failedTask(String processInstanceId) {
        return incidents(processInstanceId).get(0).get("configuration").asText();
    }

    private JsonNode post(String uri, Object body) {
        return admin.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
