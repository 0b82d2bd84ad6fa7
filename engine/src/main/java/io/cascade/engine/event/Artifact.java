package io.cascade.engine.event;

import java.util.Map;

/** The artifact version an event is about. */
public record Artifact(String id, String version, String type, Map<String, Object> metadata) {

    public Artifact {
        Text.check("artifact.id", id, 256);
        Text.require("artifact.version", version, 128);
        Text.check("artifact.type", type, 128);
        metadata = metadata == null ? Map.of() : metadata;
    }
}
