package io.cascade.engine.trigger;

import java.util.UUID;

/** An automation the serving rules threw on, so it is not matched until it or the rules change. */
public record LeftOutAutomation(UUID id, String name, UUID teamId) {
}
