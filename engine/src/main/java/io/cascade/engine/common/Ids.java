package io.cascade.engine.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Parses identifiers that arrive in URLs (a malformed one names nothing, so it is a 404), and makes
 * time-ordered ones for rows written on the hot path.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * A version 7 UUID (RFC 9562): the millisecond time in its first 48 bits, then 74 random bits. Rows
     * written one after another land next to each other in a primary-key index, where random (version 4)
     * keys touch a different index page with every insert.
     */
    public static UUID timeOrdered() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what + " " + id + " not found");
        }
    }
}
