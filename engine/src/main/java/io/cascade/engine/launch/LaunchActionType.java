package io.cascade.engine.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.action.ActionType;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.camunda.RunLabels;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/** QUEUE_JOB: checks the job, version, queue and projects, and enqueues launch-action.bpmn. */
@Component
class LaunchActionType implements ActionType<QueueJobAction> {

    private final LaunchPlanner planner;
    private final ActionProcesses processes;
    private final ObjectMapper json;

    LaunchActionType(LaunchPlanner planner, ActionProcesses processes, ObjectMapper json) {
        this.planner = planner;
        this.processes = processes;
        this.json = json;
    }

    @Override
    public String typeName() {
        return QueueJobAction.TYPE;
    }

    @Override
    public Class<QueueJobAction> actionClass() {
        return QueueJobAction.class;
    }

    @Override
    public QueueJobAction validate(Team team, Project project, ArtifactEvent sample, QueueJobAction action) {
        planner.validate(team, project, action);
        return action;
    }

    /** Never refused up front: a queue cannot be deleted while an automation uses it, jobs and projects not at all. */
    @Override
    public Optional<String> refusal(Team team, QueueJobAction action) {
        return Optional.empty();
    }

    @Override
    public String preview(Team team, QueueJobAction action, ArtifactEvent event, List<String> secretNames) {
        return null;
    }

    @Override
    public Start start(RunLabels run, Team team, Project project, ArtifactEvent event, QueueJobAction action) {
        LaunchSnapshot plan;
        try {
            plan = planner.plan(team, project, action);
        } catch (ProblemException gone) {
            // the job, version, queue or project was deleted after the automation was saved
            return new Start(json.valueToTree(action), null, null, gone.getMessage());
        }
        Map<String, Object> variables = new HashMap<>();
        PayloadVariables.of(event).forEach((name, value) -> variables.put(name, value instanceof Map<?, ?> ? write(value)
                : value));
        variables.put("job", plan.job());
        variables.put("jobVersion", plan.jobVersion());
        // JSON, not a string variable: no 4,000-character limit, and agents receive it typed as JSON
        variables.put("config", SpinValues.jsonValue(write(plan.config())).create());
        variables.put("destinationProject", plan.destinationProject());
        return new Start(json.valueToTree(plan), null, processes.startLaunch(run, team.name(), plan.queue(),
                variables), null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
