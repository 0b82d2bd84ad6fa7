package io.cascade.rules;

import io.cascade.engine.trigger.BotAccounts;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import java.nio.file.Path;
import java.util.Set;

/** Matchers the way the application builds them: over the shipped rules, or a rule directory. */
final class Matchers {

    private Matchers() {
    }

    /** The shipped rules; the given authors are bot accounts. */
    static TriggerMatcher shipped(String... botAccounts) {
        return of(new RuleLoader(null), botAccounts);
    }

    /** The shipped rules plus those in the directory. */
    static TriggerMatcher withDirectory(Path directory) {
        return of(new RuleLoader(directory));
    }

    /** Everything the loader finds now; the given authors are bot accounts. */
    static TriggerMatcher of(RuleLoader loader, String... botAccounts) {
        return new TriggerMatcher(loader.loadAll(), new BotAccounts(Set.of(botAccounts)));
    }

    /** What the loader serves at startup, where a broken directory falls back to the shipped rules. */
    static TriggerMatcher atStartup(RuleLoader loader) {
        return new TriggerMatcher(loader.loadAtStartup(), new BotAccounts(Set.of()));
    }
}
