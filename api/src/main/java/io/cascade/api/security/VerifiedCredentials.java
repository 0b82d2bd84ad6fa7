package io.cascade.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Username and password pairs the identity service accepted in the last {@code ttl}, with whether
 * the user was a system administrator then. A pair is kept only as an HMAC-SHA256 under a random key
 * of this process (never written anywhere), so the cache holds no password and nothing that can be
 * checked against one outside this process. A changed password, a removed user or a changed
 * system-administrator group takes effect within {@code ttl} (the sync interval, 1 s by default);
 * a refused pair is never kept, so it is asked again every time.
 */
final class VerifiedCredentials {

    private static final int MAX_KEPT = 10_000;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<String, Verified> kept = new ConcurrentHashMap<>();

    VerifiedCredentials(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    VerifiedCredentials(Duration ttl, LongSupplier nanoClock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
    }

    /** Whether the user is a system administrator, if this pair was accepted within the ttl. */
    Optional<Boolean> systemAdmin(String username, String password) {
        Verified verified = kept.get(digest(username, password));
        if (verified == null || clock.getAsLong() - verified.at() > ttlNanos) {
            return Optional.empty();
        }
        return Optional.of(verified.systemAdmin());
    }

    void accepted(String username, String password, boolean systemAdmin) {
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(digest(username, password), new Verified(systemAdmin, clock.getAsLong()));
    }

    private String digest(String username, String password) {
        Mac mac = macs.get();
        // the length first, so that no other split of the same characters gives the same input
        mac.update((username.length() + ":" + username).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    private record Verified(boolean systemAdmin, long at) {
    }
}
