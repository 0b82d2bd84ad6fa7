package io.cascade.engine.trigger;

import java.util.UUID;

/**
 * One automation an event fires, the rule that said so, and the revision of the automation the
 * rules saw (a matcher may be a moment behind the database).
 */
public record TriggerMatch(UUID automationId, String automationName, String rule, long revision) {
}
