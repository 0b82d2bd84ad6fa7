package io.cascade.engine.automation;

import io.cascade.engine.action.AutomationAction;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A saved automation of a project. */
public record Automation(UUID id, UUID teamId, UUID projectId, String name, String description, boolean enabled,
                         AutomationTrigger event, AutomationAction action, long revision, boolean deleted,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
