package io.cascade.engine.trigger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' global {@code matches}: trigger rules report matches (a trigger's automations at once),
 * guard rules veto them. What
 * remains after all rules fired is the result, whatever order the rules fired in.
 * Matches are kept by fact identity (the session holds one fact per automation), in the order they
 * fired; an automation two rules match is reported once, with the first rule.
 */
public final class MatchCollector {

    /** After an event with more matches than this, the maps are replaced rather than cleared. */
    private static final int REUSED_CAPACITY = 256;

    private List<AutomationFact> matched = new ArrayList<>();
    private Map<AutomationFact, String> rules = new IdentityHashMap<>();
    private Map<AutomationFact, String> vetoed = new IdentityHashMap<>();
    private String vetoAllReason;

    public void match(AutomationFact automation, String rule) {
        if (!rules.containsKey(automation)) {
            rules.put(automation, rule);
            matched.add(automation);
        }
    }

    /** Every automation of the trigger matches, with this rule. */
    public void matchAll(TriggerFact trigger, String rule) {
        for (AutomationFact automation : trigger.members()) {
            match(automation, rule);
        }
    }

    public void veto(AutomationFact automation, String reason) {
        vetoed.putIfAbsent(automation, reason);
    }

    public void vetoAll(String reason) {
        if (vetoAllReason == null) {
            vetoAllReason = reason;
        }
    }

    void reset() {
        if (matched.size() > REUSED_CAPACITY || vetoed.size() > REUSED_CAPACITY) {
            matched = new ArrayList<>();
            rules = new IdentityHashMap<>();
            vetoed = new IdentityHashMap<>();
        } else {
            if (!matched.isEmpty()) {
                matched.clear();
                rules.clear();
            }
            if (!vetoed.isEmpty()) {
                vetoed.clear();
            }
        }
        vetoAllReason = null;
    }

    MatchResult result() {
        List<TriggerMatch> fired = new ArrayList<>(matched.size());
        List<Vetoed> refused = new ArrayList<>(0);
        for (AutomationFact automation : matched) {
            TriggerMatch match = new TriggerMatch(automation.getId(), automation.getName(), rules.get(automation),
                    automation.getRevision());
            String reason = vetoAllReason != null ? vetoAllReason : vetoed.get(automation);
            if (reason == null) {
                fired.add(match);
            } else {
                refused.add(new Vetoed(match, reason));
            }
        }
        return new MatchResult(fired, refused);
    }
}
