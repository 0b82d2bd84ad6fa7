package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.UUID;

/** An automation's trigger as the rules see it. Every live automation is one fact in the session. */
public final class AutomationFact {

    private final UUID id;
    private final String name;
    private final UUID teamId;
    private final UUID projectId;
    private final EventType eventType;
    private final String collection;
    /** Null when the trigger is not on aliases. */
    private final AliasPattern aliasPattern;
    private final boolean enabled;
    private final long revision;

    public AutomationFact(UUID id, String name, UUID teamId, UUID projectId, EventType eventType,
                          String collection, String aliasPattern, boolean enabled, long revision) {
        this.id = id;
        this.name = name;
        this.teamId = teamId;
        this.projectId = projectId;
        this.eventType = eventType;
        this.collection = collection;
        this.aliasPattern = eventType == EventType.ADD_ARTIFACT_ALIAS ? AliasPattern.of(aliasPattern) : null;
        this.enabled = enabled;
        this.revision = revision;
    }

    /** True when the event's alias matches the automation's pattern; false for a trigger that is not on aliases. */
    public boolean acceptsAliasOf(ArtifactEventFact event) {
        return aliasPattern != null && aliasPattern.accepts(event);
    }

    /**
     * True when the alias matches the whole pattern; an automation without a pattern accepts any alias.
     * A pattern that backtracks past its budget (such as {@code (.*a){12}b}) does not match.
     */
    public boolean acceptsAlias(String alias) {
        return aliasPattern != null && aliasPattern.accepts(alias);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public UUID getTeamId() {
        return teamId;
    }

    public UUID getProjectId() {
        return projectId;
    }

    public EventType getEventType() {
        return eventType;
    }

    public String getCollection() {
        return collection;
    }

    /** Null when the trigger is not on aliases. */
    AliasPattern compiledAliasPattern() {
        return aliasPattern;
    }

    /** The alias pattern as written; null when there is none or the trigger is not on aliases. */
    public String getAliasPattern() {
        return aliasPattern == null ? null : aliasPattern.source();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public long getRevision() {
        return revision;
    }
}
