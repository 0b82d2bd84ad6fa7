package io.cascade.engine.trigger;

import io.cascade.engine.event.EventType;
import java.util.regex.Pattern;

/**
 * How an automation matches the alias of an event. A pattern made only of name characters matches
 * exactly that name, so it is compared as a string instead of run as a regex.
 */
enum AliasMatch {
    /** Not an alias trigger. */
    NONE,
    /** An alias trigger without a pattern: every alias. */
    ANY,
    /** A pattern without regex syntax: the alias equal to it. */
    EXACT,
    /** A regex the whole alias must match. */
    PATTERN;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    static AliasMatch of(EventType eventType, String aliasPattern) {
        if (eventType != EventType.ADD_ARTIFACT_ALIAS) {
            return NONE;
        }
        if (aliasPattern == null) {
            return ANY;
        }
        return PLAIN_NAME.matcher(aliasPattern).matches() ? EXACT : PATTERN;
    }
}
