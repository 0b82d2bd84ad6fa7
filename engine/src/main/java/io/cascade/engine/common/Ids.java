package io.cascade.engine.common;

import java.util.UUID;

/** Parses identifiers that arrive in URLs; a malformed one names nothing, so it is a 404. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what + " " + id + " not found");
        }
    }
}
