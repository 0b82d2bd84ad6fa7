package io.cascade.engine.common;

/** The request clashes with what already exists (a duplicate name, a resource still in use). */
public class ConflictException extends ProblemException {

    public ConflictException(String field, String message) {
        super(message, field);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
