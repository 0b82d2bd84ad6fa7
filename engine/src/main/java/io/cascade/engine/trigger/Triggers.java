package io.cascade.engine.trigger;

import java.util.HashMap;
import java.util.Map;
import org.kie.api.runtime.KieSession;

/**
 * The trigger facts of one session: each automation joins the fact of its trigger, which is inserted
 * with its first automation and deleted with its last. Used under TriggerMatcher's lock only.
 */
final class Triggers {

    private final Map<TriggerFact.Key, TriggerFact> byKey = new HashMap<>();

    /** Adds the automation to its trigger; when a rule throws on a new trigger, it is not kept. */
    void join(KieSession session, AutomationFact automation) {
        TriggerFact trigger = byKey.get(TriggerFact.Key.of(automation));
        if (trigger != null) {
            trigger.members().add(automation);
            return;
        }
        TriggerFact created = new TriggerFact(automation);
        created.members().add(automation);
        try {
            created.handle = session.insert(created); // rules' conditions on triggers alone are evaluated here
        } catch (RuntimeException e) {
            TriggerMatcher.deletePartial(session, session.getFactHandle(created));
            throw e;
        }
        byKey.put(created.key(), created);
    }

    /** Takes the automation (this very fact) out of its trigger, if it is in one. */
    void leave(KieSession session, AutomationFact automation) {
        TriggerFact trigger = byKey.get(TriggerFact.Key.of(automation));
        if (trigger == null || !trigger.members().removeIf(member -> member == automation)) {
            return;
        }
        if (trigger.members().isEmpty()) {
            byKey.remove(trigger.key());
            session.delete(trigger.handle);
        }
    }
}
