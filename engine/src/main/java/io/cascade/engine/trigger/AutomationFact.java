package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An automation's trigger as the rules see it. Every live automation is one fact in the session. */
public final class AutomationFact {

    private static final Logger log = LoggerFactory.getLogger(AutomationFact.class);

    private final UUID id;
    private final String name;
    private final UUID teamId;
    private final UUID projectId;
    private final EventType eventType;
    private final String collection;
    private final AliasMatch aliasMatch;
    private final String aliasPatternSource;
    private final Pattern aliasPattern;
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
        this.aliasMatch = AliasMatch.of(eventType, aliasPattern);
        this.aliasPatternSource = aliasPattern;
        this.aliasPattern = aliasPattern == null ? null : Pattern.compile(aliasPattern);
        this.enabled = enabled;
        this.revision = revision;
    }

    /**
     * True when the event's alias matches, as {@link #acceptsAlias(String)} decides, but cheaper: a pattern
     * that is a plain name is compared as a string, and a regex already run for this event (automations
     * often share a pattern) is not run again.
     */
    public boolean acceptsAliasOf(ArtifactEventFact event) {
        String alias = event.getAlias();
        return switch (aliasMatch) {
            case NONE -> false;
            case ANY -> alias != null;
            case EXACT -> aliasPatternSource.equals(alias);
            case PATTERN -> {
                Boolean known = event.patternVerdict(aliasPatternSource);
                if (known != null) {
                    yield known;
                }
                boolean verdict = acceptsAlias(alias);
                event.rememberPatternVerdict(aliasPatternSource, verdict);
                yield verdict;
            }
        };
    }

    /**
     * True when the alias matches the whole pattern; an automation without a pattern accepts any alias.
     * A pattern that backtracks past its budget (such as {@code (.*a){12}b}) does not match: it must not
     * hold the matcher, which every event of every team waits for.
     */
    public boolean acceptsAlias(String alias) {
        if (alias == null || aliasPattern == null) {
            return alias != null;
        }
        try {
            return aliasPattern.matcher(new BudgetedText(alias)).matches();
        } catch (BudgetedText.Exhausted e) {
            log.warn("alias pattern of automation {} gave up on alias '{}' after {} steps", id, alias,
                    BudgetedText.STEPS);
            return false;
        }
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

    public boolean isEnabled() {
        return enabled;
    }

    public long getRevision() {
        return revision;
    }
}
