package io.cascade.engine.webhook;

import io.cascade.engine.camunda.RunLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.action.ActionType;
import io.cascade.engine.camunda.ActionProcesses;
import io.cascade.engine.common.BatchReads;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.payload.PayloadVariables;
import io.cascade.engine.project.Project;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** GENERIC_WEBHOOK: checks the webhook and payload template, and starts webhook-action.bpmn. */
@Component
class WebhookActionType implements ActionType<WebhookAction> {

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
    private final ActionProcesses processes;
    private final ObjectMapper json;
    private final BatchReads reads;

    WebhookActionType(WebhookService webhooks, SecretService secrets, PayloadRenderer renderer,
                      ActionProcesses processes, ObjectMapper json, BatchReads reads) {
        this.reads = reads;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.renderer = renderer;
        this.processes = processes;
        this.json = json;
    }

    @Override
    public String typeName() {
        return WebhookAction.TYPE;
    }

    @Override
    public Class<WebhookAction> actionClass() {
        return WebhookAction.class;
    }

    @Override
    public WebhookAction validate(Team team, Project project, ArtifactEvent sample, WebhookAction webhook) {
        Names.require("action.webhook", webhook.webhook());
        if (webhooks.find(team.id(), webhook.webhook()).isEmpty()) {
            throw new InvalidInputException("action.webhook", "webhook " + webhook.webhook() + " does not exist in team " + team.name());
        }
        String payload = webhook.payload() == null || webhook.payload().isBlank() ? DEFAULT_PAYLOAD : webhook.payload();
        if (payload.length() > MAX_PAYLOAD) {
            throw new InvalidInputException("action.payload", "action.payload must be at most " + MAX_PAYLOAD + " characters");
        }
        renderer.validate("action.payload", payload, PayloadVariables.of(sample), secrets.names(team.id()));
        return new WebhookAction(webhook.webhook(), payload);
    }

    /** A run is refused when its webhook was deleted or disabled since the automation was saved. */
    @Override
    public Optional<String> refusal(Team team, WebhookAction action) {
        return refusal(action, webhooks.find(team.id(), action.webhook()));
    }

    private static Optional<String> refusal(WebhookAction action, Optional<Webhook> webhook) {
        if (webhook.isEmpty()) {
            return Optional.of("webhook " + action.webhook() + " no longer exists");
        }
        return webhook.get().disabled()
                ? Optional.of(webhook.get().disabledNotice(action.webhook()))
                : Optional.empty();
    }

    @Override
    public String preview(Team team, WebhookAction action, ArtifactEvent event, List<String> secretNames) {
        return renderer.renderMasked(action.payload(), PayloadVariables.of(event), secretNames);
    }

    @Override
    public Start start(RunLabels run, Team team, Project project, ArtifactEvent event, WebhookAction action) {
        // in an inbox batch, once per webhook and team: a change made meanwhile counts as made after the batch
        Optional<Webhook> webhook = reads.once("webhook", List.of(team.id(), action.webhook()),
                () -> webhooks.find(team.id(), action.webhook()));
        WebhookSnapshot snapshot = new WebhookSnapshot(WebhookAction.TYPE, webhook.map(Webhook::id).orElse(null),
                action.webhook(), webhook.map(Webhook::url).orElse(null),
                webhook.map(Webhook::secretName).orElse(null), webhook.map(Webhook::accessTokenName).orElse(null),
                action.payload());
        String payload = preview(team, action, event, reads.once("secret names", team.id(),
                () -> List.copyOf(secrets.names(team.id()))));
        String refusal = refusal(action, webhook).orElse(null);
        String processInstanceId = refusal == null ? processes.startWebhookDelivery(run, team.name()) : null;
        return new Start(json.valueToTree(snapshot), payload, processInstanceId, refusal);
    }
}
