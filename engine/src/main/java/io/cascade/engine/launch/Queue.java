package io.cascade.engine.launch;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A team's launch queue; agents subscribe to it by name. */
public record Queue(UUID id, String name, String description, OffsetDateTime createdAt) {
}
