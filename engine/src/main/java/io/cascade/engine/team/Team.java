package io.cascade.engine.team;

import java.util.UUID;

/** A team; its name is also its Camunda tenant id. */
public record Team(UUID id, String name) {
}
