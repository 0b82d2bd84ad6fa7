package io.cascade.engine.camunda;

import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs work inside one Camunda command, in the caller's transaction: every engine call the work makes
 * (a process started through {@link ActionProcesses}, a query) joins that command instead of opening
 * its own, and Camunda writes what they all changed in one flush when the work ends, in JDBC batches
 * statement by statement. Started one command each, every run costs its own flush and its own read
 * of the process definition.
 *
 * <p>The price: Camunda's writes wait in memory until the work ends, so a savepoint the work rolls
 * back does not take back a process started inside it. Work inside takes no savepoints: whatever
 * refuses part of it fails the whole of it (see {@link #isActive()}).
 */
@Component
public class SharedCommand {

    private final ProcessEngineConfigurationImpl engine;
    private final ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> false);

    SharedCommand(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    /** The work's result; if it throws, nothing Camunda was to write is written and the exception is thrown. */
    public <T> T run(Supplier<T> work) {
        return engine.getCommandExecutorTxRequired().execute(context -> {
            boolean outer = !active.get();
            active.set(true);
            try {
                return work.get();
            } finally {
                if (outer) {
                    active.remove();
                }
            }
        });
    }

    /** Whether this thread's work runs inside {@link #run} now. */
    public boolean isActive() {
        return active.get();
    }
}
