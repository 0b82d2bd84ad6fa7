package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An incoming event as the rules see it; inserted, matched, then retracted. */
public final class ArtifactEventFact {

    private final UUID teamId;
    private final UUID projectId;
    private final EventType type;
    private final String collection;
    private final String alias;
    private final String author;
    /** Alias patterns already run against this event's alias during one match, and their verdicts; see AutomationFact. */
    private Map<String, Boolean> patternVerdicts;

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

    Boolean patternVerdict(String pattern) {
        return patternVerdicts == null ? null : patternVerdicts.get(pattern);
    }

    void rememberPatternVerdict(String pattern, boolean verdict) {
        if (patternVerdicts == null) {
            patternVerdicts = new HashMap<>();
        }
        patternVerdicts.put(pattern, verdict);
    }

    /** Called when a match ends, so that a verdict is never carried from one match to the next. */
    void forgetPatternVerdicts() {
        patternVerdicts = null;
    }
}
