package io.cascade.engine.trigger;

import java.util.UUID;

/** One automation an event fires, and the rule that said so. */
public record TriggerMatch(UUID automationId, String automationName, String rule) {
}
