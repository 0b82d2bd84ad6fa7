package io.cascade.engine.automation;

import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.RuleCompilationException;
import io.cascade.engine.trigger.RuleFailureException;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's matcher in step with the database: loads every automation before the web
 * server opens, then polls for changes other nodes made. The poll reads only rows changed in a
 * short look-back window, so its cost follows the rate of change, not the number of automations.
 * Edited rule files are watched on a thread of their own: compiling them takes seconds, and
 * automation changes must not wait for it.
 */
@Component
class AutomationSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AutomationSync.class);
    /** Covers transactions that commit a while after they stamped their rows. */
    private static final Duration LOOK_BACK = Duration.ofSeconds(30);

    private final AutomationRepository repository;
    private final TriggerMatcher matcher;
    private final RuleLoader rules;
    private final Duration interval;
    private ScheduledExecutorService poller;
    private ScheduledExecutorService ruleWatcher;
    private OffsetDateTime lastPoll;

    AutomationSync(AutomationRepository repository, TriggerMatcher matcher, RuleLoader rules,
                   @Value("${cascade.automations.sync-interval:PT1S}") Duration interval) {
        this.repository = repository;
        this.matcher = matcher;
        this.rules = rules;
        this.interval = interval;
    }

    @Override
    public void start() {
        lastPoll = OffsetDateTime.now();
        repository.live().forEach(this::hold);
        log.info("Matcher holds {} automation(s)", matcher.size());
        poller = daemon("cascade-automation-sync");
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        ruleWatcher = daemon("cascade-rules-watch");
        ruleWatcher.scheduleWithFixedDelay(this::reloadChangedRules, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void poll() {
        try {
            OffsetDateTime now = OffsetDateTime.now();
            for (Automation a : repository.changedSince(lastPoll.minus(LOOK_BACK))) {
                if (a.deleted()) {
                    matcher.remove(a.id());
                } else {
                    hold(a);
                }
            }
            lastPoll = now;
        } catch (RuntimeException e) {
            log.warn("automation sync failed, will retry: {}", e.getMessage());
        }
    }

    /** Compiles the rule files when the directory changed and puts them in force. */
    void reloadChangedRules() {
        try {
            if (!rules.directoryChanged()) {
                return;
            }
            KieBase changed = rules.loadAll();
            try {
                matcher.replaceRules(changed);
            } catch (RuleFailureException e) {
                rules.refused(e.failure());
            } catch (RuntimeException e) {
                rules.refused("the new rules could not be put in force (" + e.getClass().getSimpleName() + ")");
                throw e;
            }
        } catch (RuleCompilationException e) {
            log.debug("rule change rejected, already reported", e);
        } catch (RuntimeException e) {
            log.warn("rule reload failed, will retry: {}", e.getMessage());
        }
    }

    /** One unmatchable row (a pattern written around the API) must not stop the others. */
    private void hold(Automation automation) {
        try {
            matcher.put(AutomationFacts.of(automation));
        } catch (RuntimeException e) {
            log.error("automation {} cannot be matched: {}", automation.id(), e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        if (ruleWatcher != null) {
            ruleWatcher.shutdownNow();
            ruleWatcher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Before the web server (which starts late), so no event is matched against an empty session. */
    @Override
    public int getPhase() {
        return 0;
    }
}
