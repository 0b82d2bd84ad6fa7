package io.cascade.engine.action;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an automation does when it fires. Each action type names its class and JSON type name
 * through its {@link ActionType}; the type property tells them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface AutomationAction {

    /** The type name, as the API and the reference product spell it. */
    String typeName();

    /** The webhook or job name the automation list shows. */
    String actionName();

    /** The launch queue; null for webhooks. */
    String queue();
}
