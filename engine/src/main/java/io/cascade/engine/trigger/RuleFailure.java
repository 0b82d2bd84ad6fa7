package io.cascade.engine.trigger;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.mvel.ConstraintEvaluationException;
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
        // Drools' own message (the constraint's text and the rule), never a message the rule's code built
        if (e instanceof ConstraintEvaluationException && e.getMessage() != null) {
            Matcher rule = CONDITION_RULE.matcher(e.getMessage());
            if (rule.find()) {
                return "the condition of rule \"" + rule.group(1) + "\" threw " + kind(e.getCause());
            }
        }
        return "a rule threw " + kind(e);
    }

    /** The class of the innermost cause: Drools and MVEL wrap what the rule's code threw. */
    private static String kind(Throwable e) {
        if (e == null) {
            return "an error";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
