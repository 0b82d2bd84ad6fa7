package io.cascade.engine.token;

import io.cascade.engine.common.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a token value to its caller with one lookup by the indexed hash, on the token's own row
 * (no other feature's table), then keeps the answer for the sync interval: a token revoked on any
 * node stops working everywhere within that time, as automation changes do. A personal token acts
 * as its user in their teams, never as a system administrator, so no second query asks whether it is.
 */
@Component
class TokenLookup {

    private static final int MAX_CACHED = 10_000;
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TokenLookup(JdbcClient jdbc, @Value("${cascade.automations.sync-interval:PT1S}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    Optional<Caller> caller(String value) {
        if (value == null || !value.startsWith(TokenValues.PREFIX)) {
            return Optional.empty();
        }
        String hash = TokenValues.hash(value);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.loadedAt().plus(ttl).isBefore(now)) {
            cached = load(hash, now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        Row row = cached.row();
        if (row == null || (row.expiresAt() != null && !row.expiresAt().toInstant().isAfter(now))) {
            return Optional.empty();
        }
        return Optional.of(cached.caller());
    }

    void forget(UUID id) {
        cache.values().removeIf(c -> c.row() != null && c.row().id().equals(id));
    }

    private Cached load(String hash, Instant now) {
        Row row = jdbc.sql("""
                        select id, name, owner, team_name, role, last_used_at, expires_at
                        from api_tokens where token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                        rs.getString("team_name"), rs.getString("role"),
                        rs.getObject("last_used_at", OffsetDateTime.class),
                        rs.getObject("expires_at", OffsetDateTime.class)))
                .optional()
                .orElse(null);
        if (row == null) {
            return new Cached(null, null, now);
        }
        touch(row, now);
        Caller.Token token = new Caller.Token(row.id(), row.name(), row.team(), row.role());
        Caller caller = row.team() != null
                ? new Caller("token:" + row.team() + "/" + row.name(), false, token)
                : new Caller(row.owner(), false, token);
        return new Cached(row, caller, now);
    }

    /** Last use is kept to the minute, so a busy token costs one write a minute, not one per request. */
    private void touch(Row row, Instant now) {
        if (row.lastUsedAt() == null || row.lastUsedAt().toInstant().plus(LAST_USED_PRECISION).isBefore(now)) {
            jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
                    .params(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), row.id())
                    .update();
        }
    }

    private record Row(UUID id, String name, String owner, String team, String role, OffsetDateTime lastUsedAt,
                       OffsetDateTime expiresAt) {
    }

    private record Cached(Row row, Caller caller, Instant loadedAt) {
    }
}
