package io.cascade.engine.automation;

import io.cascade.engine.action.AutomationAction;
/** An automation as a client creates or replaces it; validated by {@link AutomationService}. */
public record AutomationRequest(String name, String description, Boolean enabled, AutomationTrigger event,
                                AutomationAction action) {
}
