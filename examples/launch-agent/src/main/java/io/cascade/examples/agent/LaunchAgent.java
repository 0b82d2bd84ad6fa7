package io.cascade.examples.agent;

import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example Cascade launch agent: a stock Camunda external task client that takes runs from one
 * queue of one team and runs each job's command locally. Configured by environment:
 * CASCADE_URL (http://localhost:8080), CASCADE_AGENT_USER, CASCADE_AGENT_PASSWORD, CASCADE_TEAM,
 * CASCADE_QUEUE, CASCADE_AGENT_ID (default: a random id).
 */
public final class LaunchAgent {

    private static final Logger log = LoggerFactory.getLogger(LaunchAgent.class);
    static final String TOPIC = "launch-job";
    static final String LAUNCH_FAILED = "LAUNCH_FAILED";
    static final int RETRIES = 2;
    static final long RETRY_TIMEOUT_MS = 10_000;

    private final ObjectMapper json = new ObjectMapper();
    private final JobRunner runner = new JobRunner(Duration.ofHours(12));
    private final String workerId;

    LaunchAgent(String workerId) {
        this.workerId = workerId;
    }

    public static void main(String[] args) {
        String url = env("CASCADE_URL", "http://localhost:8080");
        String team = required("CASCADE_TEAM");
        String queue = required("CASCADE_QUEUE");
        String workerId = env("CASCADE_AGENT_ID", "agent-" + UUID.randomUUID().toString().substring(0, 8));
        ExternalTaskClient client = ExternalTaskClient.create()
                .baseUrl(url + "/engine-rest")
                .workerId(workerId)
                .addInterceptor(new BasicAuthProvider(required("CASCADE_AGENT_USER"), required("CASCADE_AGENT_PASSWORD")))
                .asyncResponseTimeout(20_000)
                .maxTasks(1)
                .build();
        client.subscribe(TOPIC)
                .tenantIdIn(team)
                .processVariableEquals("queue", queue)
                .lockDuration(Duration.ofHours(1).toMillis())
                .handler(new LaunchAgent(workerId)::handle)
                .open();
        log.info("Agent {} takes runs from queue {} of team {} at {}", workerId, queue, team, url);
    }

    void handle(ExternalTask task, ExternalTaskService service) {
        String job = task.getVariable("job") + ":" + task.getVariable("jobVersion");
        try {
            JsonNode config = json.readTree((String) task.getVariable("config"));
            log.info("Running {} for {}", job, task.getVariable("artifact_version_string"));
            JobRunner.Outcome outcome = runner.run(config, context(task));
            if (outcome.succeeded()) {
                service.complete(task, Map.of("runId", workerId + "-" + task.getId()));
                log.info("{} finished:\n{}", job, outcome.output());
            } else {
                service.handleBpmnError(task, LAUNCH_FAILED, "exit code " + outcome.exitCode() + ": " + outcome.output());
                log.warn("{} failed with exit code {}", job, outcome.exitCode());
            }
        } catch (Exception e) {
            int retries = task.getRetries() == null ? RETRIES : task.getRetries() - 1;
            service.handleFailure(task, "agent " + workerId + " could not run " + job + ": " + e.getMessage(),
                    e.toString(), Math.max(retries, 0), RETRY_TIMEOUT_MS);
        }
    }

    private static Map<String, String> context(ExternalTask task) {
        Map<String, String> context = new HashMap<>();
        for (String name : new String[] {"job", "jobVersion", "destinationProject", "event_type", "event_author",
                "artifact_version", "artifact_version_string", "artifact_collection_name", "project_name",
                "entity_name", "alias"}) {
            Object value = task.getVariable(name);
            if (value != null) {
                context.put("CASCADE_" + name.toUpperCase(Locale.ROOT), value.toString());
            }
        }
        return context;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is required (see README, \"Run a launch agent\")");
        }
        return value;
    }
}
