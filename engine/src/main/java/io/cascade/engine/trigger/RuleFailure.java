package io.cascade.engine.trigger;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * The last time a rule threw while matching: which rule, and the kind of error. Shown to every
 * signed-in user, so it carries no exception message (that may quote an event or an automation
 * of any team); the log has the whole exception.
 */
public record RuleFailure(String failure, Instant at) {

    /** How Drools names the rule whose condition failed: {@code [Rule "name" in file]}. */
    private static final Pattern CONDITION_RULE = Pattern.compile("\\[Rule \"(.*?)\" in ");

    static RuleFailure of(RuntimeException e) {
        return new RuleFailure(describe(e), Instant.now());
    }

    static String describe(RuntimeException e) {
        if (e instanceof ConsequenceException consequence && consequence.getRule() != null) {
            return "rule \"" + consequence.getRule().getName() + "\" threw " + kind(e.getCause());
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher rule = t.getMessage() == null ? null : CONDITION_RULE.matcher(t.getMessage());
            if (rule != null && rule.find()) {
                return "the condition of rule \"" + rule.group(1) + "\" threw " + kind(t.getCause());
            }
        }
        return "a rule threw " + kind(e);
    }

    private static String kind(Throwable e) {
        return e == null ? "an error" : e.getClass().getSimpleName();
    }
}
