package io.cascade.engine.launch;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A reusable run template of a project; its configurations are its versions. */
public record Job(UUID id, UUID projectId, String name, String description, OffsetDateTime createdAt) {
}
