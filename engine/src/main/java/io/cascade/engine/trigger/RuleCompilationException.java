package io.cascade.engine.trigger;

/** The DRL did not compile; the message carries the compiler's errors with file and line. */
public class RuleCompilationException extends RuntimeException {

    public RuleCompilationException(String message) {
        super(message);
    }
}
