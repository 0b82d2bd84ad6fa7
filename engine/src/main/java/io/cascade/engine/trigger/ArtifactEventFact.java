package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.UUID;

/** An incoming event as the rules see it; inserted, matched, then retracted. */
public final class ArtifactEventFact {

    private final UUID teamId;
    private final UUID projectId;
    private final EventType type;
    private final String collection;
    private final String alias;
    private final String author;
    /** See {@link #matchStamp()}. */
    private long matchStamp;

    public ArtifactEventFact(UUID teamId, UUID projectId, EventType type, String collection, String alias, String author) {
        this.teamId = teamId;
        this.projectId = projectId;
        this.type = type;
        this.collection = collection;
        this.alias = alias;
        this.author = author;
    }

    public UUID getTeamId() {
        return teamId;
    }

    public UUID getProjectId() {
        return projectId;
    }

    public EventType getType() {
        return type;
    }

    public String getCollection() {
        return collection;
    }

    public String getAlias() {
        return alias;
    }

    public String getAuthor() {
        return author;
    }

    /** Which match the event is in: unique to that match, 0 outside one. Set by TriggerMatcher. */
    long matchStamp() {
        return matchStamp;
    }

    void enterMatch(long stamp) {
        matchStamp = stamp;
    }

    /** Called when a match ends, so that nothing learnt during it is used in another. */
    void leaveMatch() {
        matchStamp = 0;
    }
}
