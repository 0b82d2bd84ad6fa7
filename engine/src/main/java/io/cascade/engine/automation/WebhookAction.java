package io.cascade.engine.automation;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Calls a team webhook with the payload template rendered for the event. */
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
