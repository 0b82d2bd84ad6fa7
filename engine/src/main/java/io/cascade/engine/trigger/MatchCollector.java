package io.cascade.engine.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules' global {@code matches}: trigger rules report matches, guard rules veto them. What
 * remains after all rules fired is the result, whatever order the rules fired in.
 */
public final class MatchCollector {

    private final Map<UUID, TriggerMatch> matched = new LinkedHashMap<>();
    private final Map<UUID, String> vetoed = new LinkedHashMap<>();
    private String vetoAllReason;

    public void match(AutomationFact automation, String rule) {
        matched.putIfAbsent(automation.getId(), new TriggerMatch(automation.getId(), automation.getName(), rule));
    }

    public void veto(AutomationFact automation, String reason) {
        vetoed.putIfAbsent(automation.getId(), reason);
    }

    public void vetoAll(String reason) {
        if (vetoAllReason == null) {
            vetoAllReason = reason;
        }
    }

    void reset() {
        matched.clear();
        vetoed.clear();
        vetoAllReason = null;
    }

    MatchResult result() {
        List<TriggerMatch> fired = new ArrayList<>();
        List<Vetoed> refused = new ArrayList<>();
        for (TriggerMatch match : matched.values()) {
            String reason = vetoAllReason != null ? vetoAllReason : vetoed.get(match.automationId());
            if (reason == null) {
                fired.add(match);
            } else {
                refused.add(new Vetoed(match, reason));
            }
        }
        return new MatchResult(fired, refused);
    }
}
