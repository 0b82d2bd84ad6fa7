package io.cascade.engine.common;

import java.util.regex.Pattern;

/** The one naming rule for teams, projects, collections, secrets, webhooks, automations, users. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private Names() {
    }

    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return check(field, value);
    }

    /** Checks a name that may be absent; returns it unchanged. */
    public static String check(String field, String value) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw new InvalidInputException(field,
                    field + " must be 1-128 characters of letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
