package io.cascade.engine.trigger;

import java.util.Set;

/** The configured bot accounts ({@code cascade.rules.bot-accounts}); in the session only when some are set. */
public final class BotAccounts {

    private final Set<String> names;

    public BotAccounts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    public Set<String> getNames() {
        return names;
    }

    public boolean contains(String author) {
        return author != null && names.contains(author);
    }
}
