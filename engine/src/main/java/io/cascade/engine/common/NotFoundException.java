package io.cascade.engine.common;

/** The resource does not exist, or the caller may not know that it does. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
