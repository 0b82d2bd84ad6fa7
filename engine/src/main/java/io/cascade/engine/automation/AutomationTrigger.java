package io.cascade.engine.automation;

import io.cascade.engine.event.EventType;

/** When an automation fires: the event type, and the collection or alias pattern it filters on. */
public record AutomationTrigger(EventType type, String collection, String aliasPattern) {
}
