package io.cascade.engine.action;

import io.cascade.engine.camunda.RunLabels;
import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One kind of action (a webhook call, a launch) plugged into automations and event handling:
 * how an action of this type is checked, previewed and started. Implementations are Spring beans.
 */
public interface ActionType<A extends AutomationAction> {

    /** The type name in JSON, e.g. GENERIC_WEBHOOK. */
    String typeName();

    Class<A> actionClass();

    /**
     * Checks the action against the team's resources and returns it with defaults filled in;
     * throws an InvalidInputException naming the field. The sample event is one the automation's
     * trigger would fire on.
     */
    A validate(Team team, Project project, ArtifactEvent sample, A action);

    /** Why a run would be recorded as failed without doing anything; empty when it would run. */
    Optional<String> refusal(Team team, A action);

    /** What a dry run shows a run would send, secrets masked; null when the type sends no payload. */
    String preview(Team team, A action, ArtifactEvent event, List<String> secretNames);

    /** Starts a run in the caller's transaction: its process (labelled for Cockpit), or the reason it is refused. */
    Start start(RunLabels run, Team team, Project project, ArtifactEvent event, A action);

    /**
     * What starting a run produced: the action as it was (stored with the execution, so later edits
     * do not change a run in flight), the rendered payload if any, and the process or the refusal.
     */
    record Start(JsonNode snapshot, String payload, String processInstanceId, String refusal) {
    }
}
