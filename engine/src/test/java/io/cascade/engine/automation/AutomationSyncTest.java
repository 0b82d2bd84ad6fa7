package io.cascade.engine.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cascade.engine.event.EventType;
import io.cascade.engine.trigger.BotAccounts;
import io.cascade.engine.trigger.RuleCompilationException;
import io.cascade.engine.trigger.RuleCompiler;
import io.cascade.engine.trigger.RuleFile;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sync's two jobs: other nodes' automation changes, and the designers' rule files. */
class AutomationSyncTest {

    /** Compiling a rules directory takes seconds; an automation change must still arrive within two. */
    @Test
    void anAutomationChangeArrivesWhileTheRuleFilesAreStillCompiling() throws Exception {
        AutomationRepository repository = mock(AutomationRepository.class);
        RuleLoader rules = mock(RuleLoader.class);
        TriggerMatcher matcher = new TriggerMatcher(RuleCompiler.compile(List.of(new RuleFile("none.drl", "test",
                "package cascade.test;\nglobal io.cascade.engine.trigger.MatchCollector matches;\n"))),
                new BotAccounts(Set.of()));
        CountDownLatch compiling = new CountDownLatch(1);
        CountDownLatch compiled = new CountDownLatch(1);
        AtomicReference<List<Automation>> changes = new AtomicReference<>(List.of());
        when(repository.live()).thenReturn(List.of());
        when(repository.changedSince(any())).thenAnswer(call -> changes.get());
        when(rules.directoryChanged()).thenReturn(true);
        when(rules.loadAll()).thenAnswer(call -> {
            compiling.countDown();
            compiled.await();
            throw new RuleCompilationException("test: the compile ends here");
        });
        AutomationSync sync = new AutomationSync(repository, matcher, rules, Duration.ofMillis(100));
        try {
            sync.start();
            assertThat(compiling.await(5, TimeUnit.SECONDS)).as("the rules started compiling").isTrue();

            changes.set(List.of(automation()));

            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (matcher.size() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(compiled.getCount()).as("still compiling").isEqualTo(1);
            assertThat(matcher.size()).as("automations the matcher holds").isEqualTo(1);
        } finally {
            compiled.countDown();
            sync.stop();
        }
    }

    private static Automation automation() {
        OffsetDateTime now = OffsetDateTime.now();
        return new Automation(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "retrain", null, true,
                new AutomationTrigger(EventType.CREATE_ARTIFACT, "training-data", null), null, 1, false, now, now);
    }
}
