package io.cascade.engine.automation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What an automation does when it fires. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WebhookAction.class, name = WebhookAction.TYPE),
        @JsonSubTypes.Type(value = QueueJobAction.class, name = QueueJobAction.TYPE)
})
public sealed interface AutomationAction permits WebhookAction, QueueJobAction {

    /** The type name, as the API and the reference product spell it. */
    String typeName();

    /** The webhook or job name the automation list shows. */
    String actionName();

    /** The launch queue; null for webhooks. */
    String queue();
}
