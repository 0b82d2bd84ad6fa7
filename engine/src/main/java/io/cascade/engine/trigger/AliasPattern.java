package io.cascade.engine.trigger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alias trigger's pattern: the alias must match all of it. Compiled once per distinct pattern and
 * shared by every automation that has it, so that an event's alias runs through a regex at most
 * once per pattern during a match, however many automations share that pattern (see
 * {@link #accepts(ArtifactEventFact)}). A pattern made only of name characters is compared as a
 * string instead.
 */
final class AliasPattern {

    private static final Logger log = LoggerFactory.getLogger(AliasPattern.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Distinct patterns kept for sharing; past this the cache starts again (facts keep theirs). */
    private static final int SHARED_LIMIT = 4096;
    private static final Map<String, AliasPattern> shared = new ConcurrentHashMap<>();

    /** No pattern: every alias is accepted. */
    static final AliasPattern ANY = new AliasPattern(null, false);

    private final String source;
    /** Null for no pattern and for a plain name. */
    private final Pattern regex;
    /**
     * The last regex verdict and the match it was reached in: {@code (match stamp << 1) | accepted}.
     * One field, so that a verdict is never read with another match's stamp.
     */
    private volatile long lastVerdict;

    private AliasPattern(String source, boolean plainName) {
        this.source = source;
        this.regex = source == null || plainName ? null : Pattern.compile(source);
    }

    /** The shared pattern for this source; throws PatternSyntaxException for an invalid regex. */
    static AliasPattern of(String source) {
        if (source == null) {
            return ANY;
        }
        AliasPattern known = shared.get(source);
        if (known != null) {
            return known;
        }
        AliasPattern compiled = new AliasPattern(source, PLAIN_NAME.matcher(source).matches());
        if (shared.size() >= SHARED_LIMIT) {
            shared.clear();
        }
        AliasPattern raced = shared.putIfAbsent(source, compiled);
        return raced != null ? raced : compiled;
    }

    String source() {
        return source;
    }

    /**
     * Whether the event's alias matches. A regex verdict reached during a match is reused for the rest
     * of that match (the event's stamp says which match it is), never carried into another.
     */
    boolean accepts(ArtifactEventFact event) {
        String alias = event.getAlias();
        if (regex == null || alias == null) {
            return accepts(alias);
        }
        long stamp = event.matchStamp();
        long last = lastVerdict;
        if (stamp != 0 && last >>> 1 == stamp) {
            return (last & 1) == 1;
        }
        boolean accepted = accepts(alias);
        if (stamp != 0) {
            lastVerdict = stamp << 1 | (accepted ? 1 : 0);
        }
        return accepted;
    }

    /** The verdict reached in the match with this stamp, if it is the last one this pattern remembers. */
    Boolean verdictIn(long stamp) {
        long last = lastVerdict;
        return stamp != 0 && last >>> 1 == stamp ? (last & 1) == 1 : null;
    }

    /**
     * Whether the alias matches the whole pattern. A regex that backtracks past its budget (such as
     * {@code (.*a){12}b}) does not match: it must not hold the matcher, which every event of every team
     * waits for.
     */
    boolean accepts(String alias) {
        if (alias == null) {
            return false;
        }
        if (regex == null) {
            return source == null || source.equals(alias);
        }
        try {
            return regex.matcher(new BudgetedText(alias)).matches();
        } catch (BudgetedText.Exhausted e) {
            log.warn("alias pattern '{}' gave up on alias '{}' after {} steps", source, alias, BudgetedText.STEPS);
            return false;
        }
    }
}
