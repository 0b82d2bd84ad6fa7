package io.cascade.engine.common;

/** The caller belongs to the team but their role does not allow this. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
