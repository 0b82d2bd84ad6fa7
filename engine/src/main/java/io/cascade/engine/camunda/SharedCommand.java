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
 * back does not take back a process started inside it. {@link #processesStarted()} lets the caller
 * see whether work it is about to drop started one (or tried to), and fail the whole command instead.
 */
@Component
public class SharedCommand {

    private final ProcessEngineConfigurationImpl engine;
    private final ThreadLocal<long[]> started = ThreadLocal.withInitial(() -> new long[1]);
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

    /** Processes this thread has started (or tried to) so far: two readings differ if the work between them did. */
    public long processesStarted() {
        return started.get()[0];
    }

    /** Counted before the start, so that a start that fails half-way counts too. */
    void processStarting() {
        started.get()[0]++;
    }
}
