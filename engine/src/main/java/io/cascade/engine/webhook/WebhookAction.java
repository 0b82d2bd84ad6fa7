package io.cascade.engine.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.cascade.engine.action.AutomationAction;

/** Calls a team webhook with the payload template rendered for the event. */
@JsonTypeName(WebhookAction.TYPE)
public record WebhookAction(String webhook, String payload) implements AutomationAction {

    public static final String TYPE = "GENERIC_WEBHOOK";

    @Override
    @JsonIgnore
    public String typeName() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public String actionName() {
        return webhook;
    }

    @Override
    @JsonIgnore
    public String queue() {
        return null;
    }
}
