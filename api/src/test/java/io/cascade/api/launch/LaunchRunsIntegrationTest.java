package io.cascade.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A queue's run list speaks the run statuses; a run's config travels as JSON, of any size the API takes. */
class LaunchRunsIntegrationTest extends ApiIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunReadsQueuedThenRunningThenFinishedWhateverTheFilter() {
        TeamFixture team = TeamFixture.create(admin());
        launchSetup(team, Map.of("command", "python train.py"));
        RestClient agent = agent(team);
        submit(team);

        assertThat(statuses(team, "?status=QUEUED")).containsExactly("QUEUED");
        assertThat(statuses(team, "")).containsExactly("QUEUED");

        String taskId = fetchAndLock(agent, team).get(0).get("id").asText();

        assertThat(statuses(team, "?status=QUEUED")).isEmpty();
        assertThat(statuses(team, "?status=RUNNING")).containsExactly("RUNNING");
        assertThat(statuses(team, "")).containsExactly("RUNNING");

        agent.post().uri("/engine-rest/external-task/{id}/complete", taskId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workerId", "gpu-agent")).retrieve().toBodilessEntity();

        assertThat(statuses(team, "?status=FINISHED")).containsExactly("FINISHED");
        assertThat(statuses(team, "")).containsExactly("FINISHED");
    }

    @Test
    void aConfigOf200KbReachesTheAgentAsAJsonVariable() throws Exception {
        TeamFixture team = TeamFixture.create(admin());
        String blob = "x".repeat(200 * 1024);
        launchSetup(team, Map.of("command", "python train.py", "blob", blob));
        submit(team);

        JsonNode task = fetchAndLock(agent(team), team).get(0);

        JsonNode config = task.get("variables").get("config");
        assertThat(config.get("type").asText()).isEqualTo("Json");
        JsonNode received = json.readTree(config.get("value").asText());
        assertThat(received.get("blob").asText()).isEqualTo(blob);
        assertThat(received.get("command").asText()).isEqualTo("python train.py");
    }

    private void launchSetup(TeamFixture team, Map<String, Object> config) {
        post("/api/v1/teams/" + team.name() + "/queues", Map.of("name", "gpu"));
        post("/api/v1/teams/" + team.name() + "/projects/churn/jobs", Map.of("name", "train"));
        post("/api/v1/teams/" + team.name() + "/projects/churn/jobs/train/versions", Map.of("config", config));
        post("/api/v1/teams/" + team.name() + "/projects/churn/automations", Map.of("name", "retrain",
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION),
                "action", Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0", "queue", "gpu",
                        "destinationProject", "churn")));
    }

    private void submit(TeamFixture team) {
        post("/api/v1/events", team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION));
    }

    /** An agent authenticated with a MEMBER team token. */
    private RestClient agent(TeamFixture team) {
        String token = admin().post().uri("/api/v1/teams/{t}/tokens", team.name())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "gpu-agent", "role", "MEMBER"))
                .retrieve().body(JsonNode.class).get("value").asText();
        return RestClient.builder().baseUrl(baseUrl()).defaultHeaders(h -> h.setBearerAuth(token)).build();
    }

    private JsonNode fetchAndLock(RestClient agent, TeamFixture team) {
        return agent.post().uri("/engine-rest/external-task/fetchAndLock").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workerId", "gpu-agent", "maxTasks", 10, "topics", List.of(Map.of(
                        "topicName", "launch-job", "lockDuration", 60_000, "tenantIdIn", List.of(team.name())))))
                .retrieve().body(JsonNode.class);
    }

    private List<String> statuses(TeamFixture team, String query) {
        return admin().get().uri("/api/v1/teams/" + team.name() + "/queues/gpu/runs" + query).retrieve()
                .body(JsonNode.class).findValuesAsText("status");
    }

    private void post(String uri, Object body) {
        admin().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }
}
