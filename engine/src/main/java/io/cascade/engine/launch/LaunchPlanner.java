package io.cascade.engine.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks a launch action against the team's jobs, queues and projects, and resolves what a run
 * gets: the version's config with the automation's overrides merged over it.
 */
@Component
class LaunchPlanner {

    /**
     * A run's config travels as a Camunda JSON variable, which has no length limit of its own; this
     * bound keeps one run from filling the database (a request body is capped lower still).
     */
    static final int MAX_CONFIG = 1_048_576;

    private final JobService jobs;
    private final QueueService queues;
    private final ProjectService projects;
    private final ObjectMapper json;

    LaunchPlanner(JobService jobs, QueueService queues, ProjectService projects, ObjectMapper json) {
        this.jobs = jobs;
        this.queues = queues;
        this.projects = projects;
        this.json = json;
    }

    /** Throws a 400 naming the field when the action cannot run, e.g. its job or queue does not exist. */
    void validate(Team team, Project project, QueueJobAction action) {
        plan(team, project, action);
    }

    LaunchSnapshot plan(Team team, Project project, QueueJobAction action) {
        Names.require("action.job", action.job());
        if (action.jobVersion() == null || action.jobVersion().isBlank()) {
            throw new InvalidInputException("action.jobVersion", "action.jobVersion is required, e.g. v0");
        }
        Names.require("action.queue", action.queue());
        Names.require("action.destinationProject", action.destinationProject());
        Job job = jobs.find(project, action.job()).orElseThrow(() -> new InvalidInputException("action.job",
                "job " + action.job() + " does not exist in project " + project.name()));
        JobVersion version = jobs.version(job, action.jobVersion()).orElseThrow(() -> new InvalidInputException(
                "action.jobVersion", "job " + action.job() + " has no version " + action.jobVersion()));
        queues.find(team, action.queue()).orElseThrow(() -> new InvalidInputException("action.queue",
                "queue " + action.queue() + " does not exist in team " + team.name()));
        projects.find(team, action.destinationProject()).orElseThrow(() -> new InvalidInputException(
                "action.destinationProject", "project " + action.destinationProject() + " does not exist in team "
                + team.name()));
        JsonNode config = merge(version.config(), action.overrides());
        if (config.toString().length() > MAX_CONFIG) {
            throw new InvalidInputException("action.overrides", "the config with overrides merged in must be at most "
                    + MAX_CONFIG + " characters of JSON");
        }
        return new LaunchSnapshot(QueueJobAction.TYPE, job.name(), version.version(), action.queue(),
                action.destinationProject(), config);
    }

    /** Overrides replace values of the same key; objects on both sides merge key by key. */
    JsonNode merge(JsonNode config, Map<String, Object> overrides) {
        ObjectNode merged = config.deepCopy();
        if (overrides != null) {
            deepMerge(merged, json.valueToTree(overrides));
        }
        return merged;
    }

    private static void deepMerge(ObjectNode target, JsonNode overrides) {
        overrides.fields().forEachRemaining(field -> {
            JsonNode current = target.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
                deepMerge(currentObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }
}
