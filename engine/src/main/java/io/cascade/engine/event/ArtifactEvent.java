package io.cascade.engine.event;

import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;

/**
 * An artifact event as a REST client submits it. {@code entity} is the team, {@code id} the
 * client's idempotency key (optional).
 */
public record ArtifactEvent(String id, EventType type, String entity, String project, String author,
                            String collection, Artifact artifact, String alias) {

    public ArtifactEvent {
        Names.check("id", id);
        if (type == null) {
            throw new InvalidInputException("type", "type is required: CREATE_ARTIFACT, LINK_ARTIFACT or ADD_ARTIFACT_ALIAS");
        }
        Names.require("entity", entity);
        Names.require("project", project);
        Text.check("author", author, 128);
        Names.require("collection", collection);
        if (artifact == null) {
            throw new InvalidInputException("artifact", "artifact is required");
        }
        if (type == EventType.ADD_ARTIFACT_ALIAS) {
            Text.require("alias", alias, 128);
        } else {
            Text.check("alias", alias, 128);
        }
    }

    public ArtifactEvent withId(String newId) {
        return new ArtifactEvent(newId, type, entity, project, author, collection, artifact, alias);
    }
}
