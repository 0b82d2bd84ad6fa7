package io.cascade.engine.trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Drools session that holds every live automation as a fact. An event is inserted, the rules
 * fire, the event is retracted. Every use of the session holds the lock (one match is a few hash
 * lookups, so it is held for microseconds), so the session is built without Drools' own
 * thread-safety, which synchronises every insert and delete. That is safe only while nothing
 * else touches the session: Drools' own timer thread would, so the session runs on a pseudo clock
 * (it never advances, no timer thread) and RuleCompiler refuses rules with timers.
 */
public final class TriggerMatcher {

    private static final Logger log = LoggerFactory.getLogger(TriggerMatcher.class);

    /** Stamps for matches, unique across matchers: alias patterns are shared by all of them. */
    private static final AtomicLong matchStamps = new AtomicLong();

    private final Object lock = new Object();
    private final Map<UUID, AutomationFact> automations = new HashMap<>();
    private final Map<UUID, FactHandle> handles = new HashMap<>();
    /** Automations a rule threw on when they were put: not in the session, tried again with new rules. */
    private final Map<UUID, AutomationFact> leftOut = new HashMap<>();
    private Triggers triggers = new Triggers();
    private final MatchCollector collector = new MatchCollector();
    private final BotAccounts botAccounts;
    private KieBase rules;
    private KieSession session;
    private volatile RuleFailure lastFailure;

    public TriggerMatcher(KieBase rules, BotAccounts botAccounts) {
        this.botAccounts = botAccounts;
        this.rules = rules;
        this.session = newSession(rules);
    }

    /** The automations the event fires; throws RuleFailureException when a rule throws. */
    public MatchResult match(ArtifactEventFact event) {
        synchronized (lock) {
            collector.reset();
            event.enterMatch(matchStamps.incrementAndGet());
            FactHandle handle = null;
            try {
                handle = session.insert(event); // a rule's condition on the event alone is evaluated here
                session.fireAllRules();
            } catch (RuntimeException e) {
                throw new RuleFailureException(failed(e, "the event is refused").failure());
            } finally {
                deletePartial(session, handle != null ? handle : session.getFactHandle(event));
                event.leaveMatch();
            }
            return collector.result();
        }
    }

    /**
     * Whether the event fires this automation, asked of the rules with the automation alone, in a
     * session of its own: what the matcher holds is not changed. For an automation that changed
     * after the matcher matched it (see EventService); costs a session, so it is not for every event.
     */
    public boolean fires(AutomationFact automation, ArtifactEventFact event) {
        synchronized (lock) {
            KieSession alone = newSession(rules);
            try {
                collector.reset();
                event.enterMatch(matchStamps.incrementAndGet());
                alone.insert(automation);
                new Triggers().join(alone, automation);
                alone.insert(event);
                alone.fireAllRules();
                return collector.result().fired().stream().anyMatch(m -> m.automationId().equals(automation.getId()));
            } catch (RuntimeException e) {
                throw new RuleFailureException(failed(e, "the event is refused").failure());
            } finally {
                alone.dispose();
                event.leaveMatch();
            }
        }
    }

    /** The last time a rule threw while matching, if one ever did. */
    public Optional<RuleFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The automations left out on this node, by name. */
    public List<LeftOutAutomation> leftOut() {
        synchronized (lock) {
            return leftOut.values().stream()
                    .map(a -> new LeftOutAutomation(a.getId(), a.getName(), a.getTeamId()))
                    .sorted(Comparator.comparing(LeftOutAutomation::name, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .toList();
        }
    }

    /** Adds or replaces an automation; an update older than the one held is ignored. */
    public void put(AutomationFact automation) {
        synchronized (lock) {
            AutomationFact held = automations.getOrDefault(automation.getId(), leftOut.get(automation.getId()));
            if (held != null && held.getRevision() >= automation.getRevision()) {
                return;
            }
            automations.put(automation.getId(), automation);
            leftOut.remove(automation.getId());
            FactHandle handle = handles.get(automation.getId());
            try {
                if (handle == null) {
                    handles.put(automation.getId(), session.insert(automation));
                } else {
                    session.update(handle, automation);
                }
                if (held != null) {
                    triggers.leave(session, held);
                }
                triggers.join(session, automation);
            } catch (RuntimeException e) {
                // a rule's condition on automations or triggers alone threw: the automation cannot be matched
                failed(e, "automation " + automation.getId() + " is not matched until it or the rules change");
                automations.remove(automation.getId());
                handles.remove(automation.getId());
                leftOut.put(automation.getId(), automation);
                if (held != null) {
                    triggers.leave(session, held);
                }
                deletePartial(session, handle != null ? handle : session.getFactHandle(automation));
            }
        }
    }

    public void remove(UUID automationId) {
        synchronized (lock) {
            AutomationFact gone = automations.remove(automationId);
            if (gone != null) {
                triggers.leave(session, gone);
            }
            leftOut.remove(automationId);
            FactHandle handle = handles.remove(automationId);
            if (handle != null) {
                session.delete(handle);
            }
        }
    }

    /**
     * Swaps in a new rule base, carrying every automation over. When a rule of the new base throws
     * on an automation the current rules hold, the new base is not swapped in: the rules before it
     * keep serving, and RuleFailureException says which rule threw. Automations the current rules
     * left out are tried again: the new rules may hold them.
     */
    public void replaceRules(KieBase rules) {
        synchronized (lock) {
            KieSession fresh = null;
            Map<UUID, FactHandle> freshHandles = new HashMap<>();
            Triggers freshTriggers = new Triggers();
            try {
                fresh = newSession(rules);
                for (AutomationFact fact : automations.values()) {
                    insert(fresh, freshTriggers, freshHandles, fact);
                }
            } catch (RuntimeException e) {
                if (fresh != null) {
                    fresh.dispose();
                }
                throw new RuleFailureException(
                        failed(e, "the new rules are not loaded, the previous ones keep serving").failure());
            }
            List<AutomationFact> takenBack = new ArrayList<>();
            for (AutomationFact fact : leftOut.values()) {
                try {
                    insert(fresh, freshTriggers, freshHandles, fact);
                    takenBack.add(fact);
                } catch (RuntimeException e) {
                    failed(e, "automation " + fact.getId() + " is still not matched");
                    freshHandles.remove(fact.getId());
                    deletePartial(fresh, fresh.getFactHandle(fact));
                }
            }
            takenBack.forEach(fact -> {
                leftOut.remove(fact.getId());
                automations.put(fact.getId(), fact);
            });
            KieSession old = session;
            this.rules = rules;
            session = fresh;
            triggers = freshTriggers;
            handles.clear();
            handles.putAll(freshHandles);
            old.dispose();
        }
    }

    /** Inserts the automation and joins it to its trigger in a session being built. */
    private static void insert(KieSession session, Triggers triggers, Map<UUID, FactHandle> handles,
                               AutomationFact fact) {
        handles.put(fact.getId(), session.insert(fact));
        triggers.join(session, fact);
    }

    /** Deletes a fact that may be only partly in the session (its insert threw), if it is there at all. */
    static void deletePartial(KieSession session, FactHandle partial) {
        if (partial != null) {
            session.delete(partial);
        }
    }

    public int size() {
        synchronized (lock) {
            return automations.size();
        }
    }

    /** Records and logs a rule that threw; {@code outcome} says what became of the work it stopped. */
    private RuleFailure failed(RuntimeException e, String outcome) {
        RuleFailure failure = RuleFailure.of(e);
        lastFailure = failure;
        log.error("{}; {}", failure.failure(), outcome, e);
        return failure;
    }

    private KieSession newSession(KieBase rules) {
        KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        configuration.setOption(ClockTypeOption.PSEUDO);
        KieSession fresh = rules.newKieSession(configuration, null);
        fresh.setGlobal("matches", collector);
        if (botAccounts != null && !botAccounts.getNames().isEmpty()) {
            fresh.insert(botAccounts);
        }
        return fresh;
    }
}
