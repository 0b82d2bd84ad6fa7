package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A trigger as the rules see it: team, project, event type, collection, alias pattern and whether it
 * is enabled. Automations with the same trigger share one such fact (see {@link Triggers}), so an
 * event that fires several of them costs the rules one match, not one per automation; the trigger
 * rules report all of its automations ({@code matches.matchAll}). Which automations share it
 * changes without the fact being updated, so it is not offered to rule conditions; rules that look
 * at single automations (guards that veto one) use their own facts, AutomationFact.
 */
public final class TriggerFact {

    /** What automations must have in common to share a trigger. */
    record Key(UUID teamId, UUID projectId, EventType eventType, String collection, String aliasPattern,
               boolean enabled) {

        static Key of(AutomationFact automation) {
            return new Key(automation.getTeamId(), automation.getProjectId(), automation.getEventType(),
                    automation.getCollection(), automation.getAliasPattern(), automation.isEnabled());
        }
    }

    private final Key key;
    /** Null when the trigger is not on aliases. */
    private final AliasPattern aliasPattern;
    private final List<AutomationFact> automations = new ArrayList<>(2);
    /** Where this fact is in its session; null until it is inserted. */
    FactHandle handle;

    TriggerFact(AutomationFact first) {
        this.key = Key.of(first);
        this.aliasPattern = first.compiledAliasPattern();
    }

    Key key() {
        return key;
    }

    List<AutomationFact> members() {
        return automations;
    }

    /** True when the event's alias matches the trigger's pattern; false for a trigger that is not on aliases. */
    public boolean acceptsAliasOf(ArtifactEventFact event) {
        return aliasPattern != null && aliasPattern.accepts(event);
    }

    public UUID getTeamId() {
        return key.teamId();
    }

    public UUID getProjectId() {
        return key.projectId();
    }

    public EventType getEventType() {
        return key.eventType();
    }

    public String getCollection() {
        return key.collection();
    }

    public String getAliasPattern() {
        return key.aliasPattern();
    }

    public boolean isEnabled() {
        return key.enabled();
    }
}
