package io.cascade.engine.ingest;

import io.cascade.engine.action.ActionType;
import io.cascade.engine.action.ActionTypes;
import io.cascade.engine.automation.Automation;
import io.cascade.engine.camunda.RunLabels;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.execution.ExecutionRef;
import io.cascade.engine.execution.ExecutionService;
import io.cascade.engine.execution.ExecutionService.NewExecution;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Creates one execution per (event, automation) and starts its action, in the event's transaction. */
@Component
class ExecutionStarter {

    private final ActionTypes actions;
    private final ExecutionService executions;

    ExecutionStarter(ActionTypes actions, ExecutionService executions) {
        this.actions = actions;
        this.executions = executions;
    }

    /** {@code id} is the execution's, chosen by the caller so that the event's answer can be written first. */
    ExecutionRef start(UUID id, Team team, Project project, UUID eventId, ArtifactEvent event, Automation automation,
                       OffsetDateTime acceptedAt) {
        ActionType.Start started = actions.start(labels(id, project, eventId, event, automation), team, project, event,
                automation.action());
        return executions.insert(new NewExecution(id, team.id(), project.id(), eventId, event, automation.id(),
                automation.name(), automation.action().typeName(), automation.action().actionName(),
                automation.action().queue(), started.snapshot(), started.payload(), started.processInstanceId(),
                started.refusal(), acceptedAt));
    }

    /** What an operator finds the run by in Cockpit; a launch is named by its job and queue. */
    static RunLabels labels(UUID id, Project project, UUID eventId, ArtifactEvent event, Automation automation) {
        String queue = automation.action().queue();
        String actionName = queue == null || queue.isEmpty() ? automation.action().actionName()
                : automation.action().actionName() + "/" + queue;
        return new RunLabels(id.toString(), automation.id().toString(), automation.name(), project.name(),
                eventId.toString(), event.id(), event.type().name(), event.collection(), event.artifact().version(),
                actionName);
    }
}
