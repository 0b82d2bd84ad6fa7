package io.cascade.engine.common;

/** Bad input, naming the field it came from. */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String field, String message) {
        super(message, field);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
