package io.cascade.engine.event;

/** The artifact events an automation can react to; the names are the reference product's. */
public enum EventType {
    /** A new version was created in a collection. */
    CREATE_ARTIFACT,
    /** A version was linked into a collection. */
    LINK_ARTIFACT,
    /** An alias was added to a version. */
    ADD_ARTIFACT_ALIAS
}
