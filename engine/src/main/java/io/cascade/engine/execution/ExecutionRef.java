package io.cascade.engine.execution;

import java.util.UUID;

/** An execution as the event response lists it. */
public record ExecutionRef(UUID id, String automation, UUID automationId) {
}
