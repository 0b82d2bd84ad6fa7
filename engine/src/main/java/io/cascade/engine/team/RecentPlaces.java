package io.cascade.engine.team;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a read of a user's role in a team and of the team's project found, kept for {@code ttl} (the
 * sync interval, 1 s by default): a client sending hundreds of events a second to one project costs one
 * read a second, not one per event. The caller keeps only reads that found the project, so a project
 * created a moment ago is found at once. {@link #clear} forgets everything, including what a read that
 * began before it finds afterwards ({@link #generation}); a change of membership on another node holds
 * here within the ttl, as a changed password does.
 *
 * @param <V> what the read found
 */
final class RecentPlaces<V> {

    /** Bounds the memory: user, team and project names come from requests. */
    private static final int MAX_KEPT = 10_000;

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Key, Kept<V>> kept = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    RecentPlaces(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
    }

    /** What was found for these names within the ttl, or null. */
    V get(String username, String team, String project) {
        Kept<V> found = kept.get(new Key(username, team, project));
        return found == null || clock.getAsLong() - found.at() > ttlNanos ? null : found.value();
    }

    /** Taken before a read, and handed to {@link #put} with what it found. */
    long generation() {
        return generation.get();
    }

    /** Keeps what a read found, unless {@link #clear} ran since {@code readFrom} was taken: it may be stale. */
    void put(String username, String team, String project, V value, long readFrom) {
        if (generation.get() != readFrom) {
            return;
        }
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        Key key = new Key(username, team, project);
        Kept<V> read = new Kept<>(value, clock.getAsLong());
        kept.put(key, read);
        if (generation.get() != readFrom) {
            kept.remove(key, read); // a clear ran between the check and the put
        }
    }

    void clear() {
        generation.incrementAndGet();
        kept.clear();
    }

    private record Key(String username, String team, String project) {
    }

    private record Kept<V>(V value, long at) {
    }
}
