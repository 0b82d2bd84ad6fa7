package io.cascade.engine.automation;

import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import io.cascade.engine.launch.LaunchPlanner;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.project.Project;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import io.cascade.engine.webhook.WebhookService;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Component;

/** Checks an automation request against the team's webhooks and secrets; returns it with defaults filled in. */
@Component
class AutomationValidator {

    static final String DEFAULT_PAYLOAD = """
            {
              "event_type": "${event_type}",
              "event_author": "${event_author}",
              "artifact_version": "${artifact_version}",
              "artifact_version_string": "${artifact_version_string}",
              "artifact_collection_name": "${artifact_collection_name}",
              "project_name": "${project_name}",
              "entity_name": "${entity_name}"
            }""";
    private static final int MAX_PAYLOAD = 64 * 1024;

    private final WebhookService webhooks;
    private final SecretService secrets;
    private final PayloadRenderer renderer;
    private final LaunchPlanner launches;

    AutomationValidator(WebhookService webhooks, SecretService secrets, PayloadRenderer renderer,
                        LaunchPlanner launches) {
        this.launches = launches;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.renderer = renderer;
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
        AutomationAction action = validate(team, project, trigger, request.action());
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

    private AutomationAction validate(Team team, Project project, AutomationTrigger trigger, AutomationAction action) {
        if (action == null) {
            throw new InvalidInputException("action", "action is required");
        }
        if (action instanceof QueueJobAction launch) {
            launches.validate(team, project, launch);
            return launch;
        }
        WebhookAction webhook = (WebhookAction) action;
        Names.require("action.webhook", webhook.webhook());
        if (webhooks.find(team.id(), webhook.webhook()).isEmpty()) {
            throw new InvalidInputException("action.webhook", "webhook " + webhook.webhook() + " does not exist in team " + team.name());
        }
        String payload = webhook.payload() == null || webhook.payload().isBlank() ? DEFAULT_PAYLOAD : webhook.payload();
        if (payload.length() > MAX_PAYLOAD) {
            throw new InvalidInputException("action.payload", "action.payload must be at most " + MAX_PAYLOAD + " characters");
        }
        renderer.validate("action.payload", payload, PayloadVariables.of(sample(team, project, trigger)),
                secrets.names(team.id()));
        return new WebhookAction(webhook.webhook(), payload);
    }

    private static ArtifactEvent sample(Team team, Project project, AutomationTrigger trigger) {
        return new ArtifactEvent("sample", trigger.type(), team.name(), project.name(), "sample-author",
                trigger.collection() == null ? "sample-collection" : trigger.collection(),
                new Artifact("sample", "v0", "dataset", Map.of()),
                trigger.type() == EventType.ADD_ARTIFACT_ALIAS ? "sample-alias" : null);
    }
}
