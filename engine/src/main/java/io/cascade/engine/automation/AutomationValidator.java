package io.cascade.engine.automation;

import io.cascade.engine.action.ActionTypes;
import io.cascade.engine.action.AutomationAction;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import io.cascade.engine.project.Project;
import io.cascade.engine.team.Team;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;

/** Checks an automation request; its action is checked by the action's type. Returns it with defaults filled in. */
@Component
class AutomationValidator {

    private final ActionTypes actions;

    AutomationValidator(ActionTypes actions) {
        this.actions = actions;
    }

    AutomationRequest validate(Team team, Project project, AutomationRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "the body must be a JSON object");
        }
        Names.require("name", request.name());
        if (request.description() != null && request.description().length() > 4096) {
            throw new InvalidInputException("description", "description must be at most 4096 characters");
        }
        AutomationTrigger trigger = validate(request.event());
        AutomationAction action = actions.validate(team, project, sample(team, project, trigger), request.action());
        return new AutomationRequest(request.name(), request.description(),
                request.enabled() == null || request.enabled(), trigger, action);
    }

    private static AutomationTrigger validate(AutomationTrigger event) {
        if (event == null) {
            throw new InvalidInputException("event", "event is required");
        }
        if (event.type() == null) {
            throw new InvalidInputException("event.type",
                    "event.type is required: CREATE_ARTIFACT, LINK_ARTIFACT or ADD_ARTIFACT_ALIAS");
        }
        Names.check("event.collection", event.collection());
        if (event.type() != EventType.ADD_ARTIFACT_ALIAS) {
            if (event.collection() == null) {
                throw new InvalidInputException("event.collection", "event.collection is required for " + event.type());
            }
            if (event.aliasPattern() != null) {
                throw new InvalidInputException("event.aliasPattern", "event.aliasPattern only applies to ADD_ARTIFACT_ALIAS");
            }
            return event;
        }
        if (event.aliasPattern() == null || event.aliasPattern().isEmpty()) {
            throw new InvalidInputException("event.aliasPattern", "event.aliasPattern is required for ADD_ARTIFACT_ALIAS");
        }
        if (event.aliasPattern().length() > 1024) {
            throw new InvalidInputException("event.aliasPattern", "event.aliasPattern must be at most 1024 characters");
        }
        try {
            Pattern.compile(event.aliasPattern());
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("event.aliasPattern",
                    "event.aliasPattern is not a valid regular expression: " + e.getDescription());
        }
        return event;
    }

    private static ArtifactEvent sample(Team team, Project project, AutomationTrigger trigger) {
        return new ArtifactEvent("sample", trigger.type(), team.name(), project.name(), "sample-author",
                trigger.collection() == null ? "sample-collection" : trigger.collection(),
                new Artifact("sample", "v0", "dataset", Map.of()),
                trigger.type() == EventType.ADD_ARTIFACT_ALIAS ? "sample-alias" : null);
    }
}
