package io.cascade.engine.project;

import java.util.UUID;

public record Project(UUID id, UUID teamId, String name) {
}
