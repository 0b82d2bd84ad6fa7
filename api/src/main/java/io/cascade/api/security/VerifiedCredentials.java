package io.cascade.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Username and password pairs the identity service accepted in the last {@code ttl}, with whether
 * the user was a system administrator then. A pair is kept only as an HMAC-SHA256 under a random key
 * of this process (never written anywhere), so the cache holds no password and nothing that can be
 * checked against one outside this process. A changed password, a removed user or a changed
 * system-administrator group takes effect within {@code ttl} (the sync interval, 1 s by default)
 * plus the time of one check; a refused pair is never kept, so it is asked again every time.
 *
 * <p>When a pair's {@code ttl} has passed, the first request to use it checks it again, and the
 * requests arriving while that check runs (up to a further {@code ttl}) go on with what was known:
 * a client sending hundreds of requests a second costs one check a second, not one per request
 * that arrives before the first check has finished.
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

    /**
     * Whether the user is a system administrator, if this pair was accepted within the ttl, or
     * within two while another caller checks it again. Empty: the caller checks the pair, then
     * reports {@link #accepted} or {@link #forget}.
     */
    Optional<Boolean> systemAdmin(String username, String password) {
        Verified verified = kept.get(digest(username, password));
        if (verified == null) {
            return Optional.empty();
        }
        long age = clock.getAsLong() - verified.at();
        if (age <= ttlNanos || (age <= 2 * ttlNanos && !verified.recheck())) {
            return Optional.of(verified.systemAdmin());
        }
        return Optional.empty();
    }

    void accepted(String username, String password, boolean systemAdmin) {
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(digest(username, password), new Verified(systemAdmin, clock.getAsLong()));
    }

    /** The check of a pair was refused or could not be made: nobody goes on with what was known. */
    void forget(String username, String password) {
        kept.remove(digest(username, password));
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

    private record Verified(boolean systemAdmin, long at, AtomicBoolean rechecking) {

        Verified(boolean systemAdmin, long at) {
            this(systemAdmin, at, new AtomicBoolean());
        }

        /** True for the one caller that is to check the pair again. */
        boolean recheck() {
            return rechecking.compareAndSet(false, true);
        }
    }
}
