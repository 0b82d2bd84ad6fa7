package io.cascade.engine.trigger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' global {@code matches}: trigger rules report matches (a trigger's automations at once),
 * guard rules veto them. What remains after all rules fired is the result, whatever order the rules
 * fired in.
 * Matches are kept by fact identity (the session holds one fact per automation), in the order they
 * fired; an automation two rules match is reported once, with the first rule. An event matches few
 * automations, so they are kept in lists and a repeat is found by scanning them; past
 * {@link #SCANNED} matches an identity map takes over.
 */
public final class MatchCollector {

    /** Up to this many matches, a repeated match is found by scanning the list. */
    private static final int SCANNED = 16;
    /** After an event with more matches than this, the collections are replaced rather than cleared. */
    private static final int REUSED_CAPACITY = 256;

    private ArrayList<AutomationFact> matched = new ArrayList<>();
    private ArrayList<String> rules = new ArrayList<>();
    /** Every match, once there are more than SCANNED; null until then. */
    private Map<AutomationFact, Boolean> indexed;
    private Map<AutomationFact, String> vetoed = new IdentityHashMap<>();
    private String vetoAllReason;

    public void match(AutomationFact automation, String rule) {
        if (matched(automation)) {
            return;
        }
        matched.add(automation);
        rules.add(rule);
        if (indexed != null) {
            indexed.put(automation, Boolean.TRUE);
        } else if (matched.size() > SCANNED) {
            indexed = new IdentityHashMap<>();
            matched.forEach(fact -> indexed.put(fact, Boolean.TRUE));
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

    private boolean matched(AutomationFact automation) {
        if (indexed != null) {
            return indexed.containsKey(automation);
        }
        for (int i = 0; i < matched.size(); i++) {
            if (matched.get(i) == automation) {
                return true;
            }
        }
        return false;
    }

    void reset() {
        if (matched.size() > REUSED_CAPACITY || vetoed.size() > REUSED_CAPACITY) {
            matched = new ArrayList<>();
            rules = new ArrayList<>();
            vetoed = new IdentityHashMap<>();
        } else {
            matched.clear();
            rules.clear();
            if (!vetoed.isEmpty()) {
                vetoed.clear();
            }
        }
        indexed = null;
        vetoAllReason = null;
    }

    MatchResult result() {
        List<TriggerMatch> fired = new ArrayList<>(matched.size());
        boolean anyVeto = vetoAllReason != null || !vetoed.isEmpty();
        List<Vetoed> refused = anyVeto ? new ArrayList<>() : List.of();
        for (int i = 0; i < matched.size(); i++) {
            AutomationFact automation = matched.get(i);
            TriggerMatch match = new TriggerMatch(automation.getId(), automation.getName(), rules.get(i),
                    automation.getRevision());
            String reason = !anyVeto ? null : vetoAllReason != null ? vetoAllReason : vetoed.get(automation);
            if (reason == null) {
                fired.add(match);
            } else {
                refused.add(new Vetoed(match, reason));
            }
        }
        return new MatchResult(fired, refused);
    }
}
