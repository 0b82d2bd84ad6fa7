package io.cascade.engine.common;

/**
 * An error a user can act on. The API turns it into an RFC 9457 problem detail;
 * {@link #field()} names the offending input when there is one.
 */
public abstract class ProblemException extends RuntimeException {

    private final String field;

    protected ProblemException(String message, String field) {
        super(message);
        this.field = field;
    }

    public abstract int status();

    public abstract String title();

    public String field() {
        return field;
    }
}
