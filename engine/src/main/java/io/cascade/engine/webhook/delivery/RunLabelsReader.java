package io.cascade.engine.webhook.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.camunda.RunLabels;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.project.ProjectService;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A webhook run's Cockpit labels, read back from the execution, its event and its project. */
@Component
class RunLabelsReader {

    private final ExecutionService executions;
    private final EventLog events;
    private final ProjectService projects;

    RunLabelsReader(ExecutionService executions, EventLog events, ProjectService projects) {
        this.executions = executions;
        this.events = events;
        this.projects = projects;
    }

    RunLabels labels(UUID executionId) {
        return labels(executionId, executions.current(executionId));
    }

    RunLabels labels(UUID executionId, ExecutionService.Current run) {
        ArtifactEvent event = events.load(run.eventId());
        return new RunLabels(executionId.toString(), run.automationId().toString(), run.automationName(),
                projects.name(run.projectId()), run.eventId().toString(), event.id(), event.type().name(),
                event.collection(), event.artifact().version(), text(run, "webhook"));
    }

    static String text(ExecutionService.Current run, String field) {
        JsonNode value = run.action().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
