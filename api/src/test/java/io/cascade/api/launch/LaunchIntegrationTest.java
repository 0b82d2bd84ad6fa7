package io.cascade.api.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The launch loop with the stock Camunda external task client as the agent, against /engine-rest. */
class LaunchIntegrationTest extends ApiIntegrationTest {

    static final String AGENT_PASSWORD = "agent-password";

    private final ObjectMapper json = new ObjectMapper();
    private final List<ExternalTaskClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAgents() {
        clients.forEach(ExternalTaskClient::stop);
    }

    @Test
    void anAgentRunsTheJobWithOverridesMergedAndTheExecutionFinishes() throws Exception {
        TeamFixture acme = team();
        List<ExternalTask> seen = new CopyOnWriteArrayList<>();

        String id = acme.fire("alice");
        agent(acme, "gpu", (task, service) -> {
            seen.add(task);
            service.complete(task, Map.of("runId", "run-7", "runUrl", "https://runs.example.com/7"));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        ExternalTask task = seen.get(0);
        assertThat(task.getTenantId()).isEqualTo(acme.name());
        assertThat(task.getTopicName()).isEqualTo("launch-job");
        assertThat((String) task.getVariable("queue")).isEqualTo("gpu");
        assertThat((String) task.getVariable("job")).isEqualTo("train");
        assertThat((String) task.getVariable("jobVersion")).isEqualTo("v0");
        assertThat((String) task.getVariable("destinationProject")).isEqualTo("churn");
        assertThat((String) task.getVariable("artifact_version_string")).isEqualTo(acme.name() + "/churn/training-data:v3");
        assertThat(json.readTree((String) task.getVariable("config"))).isEqualTo(json.readTree(
                "{\"command\":\"python train.py\",\"hyperparameters\":{\"lr\":0.01,\"epochs\":3}}"));
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("agent").asText()).isEqualTo(acme.name() + "-agent");
        assertThat(execution.get("result").get("runId").asText()).isEqualTo("run-7");
        assertThat(execution.get("action").get("queue").asText()).isEqualTo("gpu");
        assertThat(execution.get("action").get("config").get("hyperparameters").get("lr").asDouble()).isEqualTo(0.01);
    }

    @Test
    void aFailureWithRetriesLeftIsRetriedAndCanStillFinish() {
        TeamFixture acme = team();
        AtomicInteger calls = new AtomicInteger();

        String id = acme.fire("alice");
        agent(acme, "gpu", (task, service) -> {
            if (calls.incrementAndGet() == 1) {
                service.handleFailure(task, "node lost", "details", 1, 500);
            } else {
                service.complete(task);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(acme.execution(id).get("status").asText()));
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void launchFailedFailsTheExecutionWithTheAgentsMessage() {
        TeamFixture acme = team();

        String id = acme.fire("alice");
        agent(acme, "gpu", (task, service) -> service.handleBpmnError(task, "LAUNCH_FAILED", "image not found"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        assertThat(acme.execution(id).get("lastError").asText()).contains("image not found");
    }

    @Test
    void anotherTeamsAgentNeverReceivesTheRun() {
        TeamFixture acme = team();
        TeamFixture globex = team();
        String id = acme.fire("alice");

        // globex's agent asks for every launch task without naming a tenant, then names acme's
        JsonNode stolen = fetchAndLock(agent(globex), "globex-agent", null);
        JsonNode named = fetchAndLock(agent(globex), "globex-agent", acme.name());
        JsonNode own = fetchAndLock(agent(acme), "acme-agent", null);

        assertThat(stolen).isEmpty();
        assertThat(named).isEmpty();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("tenantId").asText()).isEqualTo(acme.name());
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/queues/gpu/runs?status=RUNNING"))
                .extracting(r -> r.get("id").asText()).containsExactly(id);
    }

    @Test
    void anotherTeamsAgentCannotReadOrCompleteARunById() {
        TeamFixture acme = team();
        TeamFixture globex = team();
        String id = acme.fire("alice");
        String taskId = fetchAndLock(agent(acme), "acme-agent", null).get(0).get("id").asText();

        ResponseEntity<String> read = as(agent(globex), AGENT_PASSWORD).get()
                .uri("/engine-rest/external-task/{id}", taskId).retrieve().toEntity(String.class);
        ResponseEntity<String> complete = as(agent(globex), AGENT_PASSWORD).post()
                .uri("/engine-rest/external-task/{id}/complete", taskId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workerId", "acme-agent")).retrieve().toEntity(String.class);

        assertThat(read.getStatusCode().is2xxSuccessful()).as(read.getBody()).isFalse();
        assertThat(complete.getStatusCode().is2xxSuccessful()).as(complete.getBody()).isFalse();
        assertThat(acme.execution(id).get("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void batchOperationsOnExternalTasksAreForSystemAdministratorsOnly() {
        TeamFixture acme = team();
        TeamFixture globex = team();
        acme.fire("alice");
        String taskId = fetchAndLock(agent(acme), "acme-agent", null).get(0).get("id").asText();

        ResponseEntity<String> batch = as(agent(globex), AGENT_PASSWORD).post()
                .uri("/engine-rest/external-task/retries-async").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("retries", 0, "externalTaskIds", List.of(taskId))).retrieve().toEntity(String.class);

        assertThat(batch.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aViewerCannotActAsAnAgent() {
        TeamFixture acme = team();
        String viewer = unique("viewer");
        acme.post("/api/v1/users", Map.of("username", viewer, "password", AGENT_PASSWORD));
        admin().put().uri("/api/v1/teams/{t}/members/{u}", acme.name(), viewer).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", "VIEWER")).retrieve().toBodilessEntity();
        acme.fire("alice");

        assertThat(fetchAndLock(viewer, "viewer-agent", null)).isEmpty();
        assertThat(fetchAndLock(viewer, "viewer-agent", acme.name())).isEmpty();
        assertThat(fetchAndLock(agent(acme), "acme-agent", null)).hasSize(1);
    }

    @Test
    void aRunNobodyPicksUpFailsAfterTheQueueTime() {
        TeamFixture acme = team();

        String id = acme.fire("alice");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/queues/gpu/runs?status=QUEUED"))
                .extracting(r -> r.get("id").asText()).containsExactly(id);

        await().atMost(Duration.ofSeconds(40)).until(() -> "FAILED".equals(acme.execution(id).get("status").asText()));
        assertThat(acme.execution(id).get("lastError").asText()).isEqualTo("no agent picked up the run");
        assertThat(acme.get("/api/v1/teams/" + acme.name() + "/queues/gpu/runs?status=FAILED")).hasSize(1);
    }

    @Test
    void launchAutomationsNamingWhatDoesNotExistAreRefusedWithTheField() {
        TeamFixture acme = team();
        Map<String, Object> action = new HashMap<>(Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0",
                "queue", "gpu", "destinationProject", "churn"));

        assertRefused(acme, with(action, "job", "nope"), HttpStatus.BAD_REQUEST, "action.job");
        assertRefused(acme, with(action, "jobVersion", "v9"), HttpStatus.BAD_REQUEST, "action.jobVersion");
        assertRefused(acme, with(action, "queue", "tpu"), HttpStatus.BAD_REQUEST, "action.queue");
        assertRefused(acme, with(action, "destinationProject", "elsewhere"), HttpStatus.BAD_REQUEST,
                "action.destinationProject");
        action.remove("jobVersion");
        assertRefused(acme, action, HttpStatus.BAD_REQUEST, "action.jobVersion");
    }

    @Test
    void theAutomationListShowsTheQueueAndAQueueInUseCannotBeDeleted() {
        TeamFixture acme = team();

        JsonNode list = acme.get("/api/v1/teams/" + acme.name() + "/projects/churn/automations");
        ResponseEntity<String> delete = as(ADMIN_USER, ADMIN_PASSWORD).delete()
                .uri("/api/v1/teams/{t}/queues/gpu", acme.name()).retrieve().toEntity(String.class);

        assertThat(list.get(0).get("actionType").asText()).isEqualTo("QUEUE_JOB");
        assertThat(list.get(0).get("actionName").asText()).isEqualTo("train");
        assertThat(list.get(0).get("queue").asText()).isEqualTo("gpu");
        assertThat(delete.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    private void assertRefused(TeamFixture team, Map<String, Object> action, HttpStatus status, String field) {
        ResponseEntity<String> answer = as(ADMIN_USER, ADMIN_PASSWORD).post()
                .uri("/api/v1/teams/{t}/projects/churn/automations", team.name()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", unique("bad"), "event", Map.of("type", "CREATE_ARTIFACT", "collection", "x"),
                        "action", action))
                .retrieve().toEntity(String.class);
        assertThat(answer.getStatusCode()).as(field).isEqualTo(status);
        assertThat(answer.getBody()).as(field).contains("\"field\":\"" + field + "\"");
    }

    private static Map<String, Object> with(Map<String, Object> action, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(action);
        changed.put(key, value);
        return changed;
    }

    @Test
    void teamAccountsReachOnlyTheExternalTaskPartOfTheEngineApi() {
        TeamFixture acme = team();

        assertThat(as(agent(acme), AGENT_PASSWORD).get().uri("/engine-rest/deployment").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(agent(acme), AGENT_PASSWORD).get().uri("/engine-rest/external-task").retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private JsonNode fetchAndLock(String user, String workerId, String tenant) {
        Map<String, Object> topic = new HashMap<>(Map.of("topicName", "launch-job", "lockDuration", 60_000));
        if (tenant != null) {
            topic.put("tenantIdIn", List.of(tenant));
        }
        String body = as(user, AGENT_PASSWORD).post().uri("/engine-rest/external-task/fetchAndLock")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("workerId", workerId, "maxTasks", 10, "topics", List.of(topic)))
                .retrieve().body(String.class);
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private void agent(TeamFixture team, String queue, ExternalTaskHandler handler) {
        ExternalTaskClient client = ExternalTaskClient.create()
                .baseUrl(baseUrl() + "/engine-rest")
                .workerId(team.name() + "-agent")
                .addInterceptor(new BasicAuthProvider(agent(team), AGENT_PASSWORD))
                .asyncResponseTimeout(1000)
                .build();
        client.subscribe("launch-job").tenantIdIn(team.name()).processVariableEquals("queue", queue)
                .lockDuration(30_000).handler(handler).open();
        clients.add(client);
    }

    /** A team with project churn, queue gpu, job train v0, an agent account, and one launch automation. */
    private TeamFixture team() {
        TeamFixture team = TeamFixture.create(admin());
        String name = team.name();
        team.post("/api/v1/users", Map.of("username", agent(team), "password", AGENT_PASSWORD));
        admin().put().uri("/api/v1/teams/{t}/members/{u}", name, agent(team)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", "MEMBER")).retrieve().toBodilessEntity();
        team.post("/api/v1/teams/" + name + "/queues", Map.of("name", "gpu"));
        team.post("/api/v1/teams/" + name + "/projects/churn/jobs", Map.of("name", "train"));
        team.post("/api/v1/teams/" + name + "/projects/churn/jobs/train/versions", Map.of("config",
                Map.of("command", "python train.py", "hyperparameters", Map.of("lr", 0.1, "epochs", 3))));
        team.post("/api/v1/teams/" + name + "/projects/churn/automations", Map.of("name", "retrain",
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", "training-data"),
                "action", Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0", "queue", "gpu",
                        "destinationProject", "churn", "overrides", Map.of("hyperparameters", Map.of("lr", 0.01)))));
        return team;
    }

    /** The team's agent account (password {@value #AGENT_PASSWORD}), a MEMBER of the team. */
    private static String agent(TeamFixture team) {
        return team.name() + "-agent-user";
    }
}
