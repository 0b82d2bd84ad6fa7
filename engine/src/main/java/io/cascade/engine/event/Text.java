package io.cascade.engine.event;

import io.cascade.engine.common.InvalidInputException;

/** Free-text fields of an event: any printable text, bounded in length. */
final class Text {

    private Text() {
    }

    static String require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return check(field, value, maxLength);
    }

    static String check(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, field + " must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " must not contain control characters");
        }
        return value;
    }
}
