package io.cascade.api.automation;

import io.cascade.engine.automation.Automation;
import io.cascade.engine.action.AutomationAction;
import io.cascade.engine.automation.AutomationTrigger;
import java.time.OffsetDateTime;

/** An automation as the API shows it, with the columns the reference's automation list has. */
record AutomationView(String id, String name, String description, boolean enabled, AutomationTrigger event,
                      AutomationAction action, String triggerType, String actionType, String actionName, String queue,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static AutomationView of(Automation a) {
        return new AutomationView(a.id().toString(), a.name(), a.description(), a.enabled(), a.event(), a.action(),
                a.event().type().name(), a.action().typeName(), a.action().actionName(),
                a.action().queue() == null ? "" : a.action().queue(), a.createdAt(), a.updatedAt());
    }
}
