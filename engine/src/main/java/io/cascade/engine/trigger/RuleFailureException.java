package io.cascade.engine.trigger;

import io.cascade.engine.common.ProblemException;

/**
 * A rule threw while an event was matched (a designer's rule, most likely). Nothing of the event
 * is accepted; the client may retry once the rules are fixed. The detail names the rule and the
 * kind of error, never the exception's message, which may quote the event or an automation.
 */
public final class RuleFailureException extends ProblemException {

    private final String failure;

    RuleFailureException(String failure) {
        super("a rule failed on this event, so it was not accepted (" + failure
                + "); the error is logged and shown by GET /api/v1/rules", null);
        this.failure = failure;
    }

    /** Which rule threw, and the kind of error. */
    public String failure() {
        return failure;
    }

    @Override
    public int status() {
        return 500;
    }

    @Override
    public String title() {
        return "Rule failed";
    }
}
