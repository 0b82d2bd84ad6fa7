package io.cascade.engine.token;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ForbiddenException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for pipelines and agents: team tokens act in one team with a role, personal tokens act
 * as their user. Only a hash is stored; the value is returned once, by create.
 */
@Service
public class ApiTokens {

    private static final String COLUMNS = "id, name, role, created_by, created_at, last_used_at, expires_at";

    private final JdbcClient jdbc;
    private final TeamAccess access;
    private final TokenLookup lookup;
    private final ApplicationEventPublisher changes;

    ApiTokens(JdbcClient jdbc, TeamAccess access, TokenLookup lookup, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.access = access;
        this.lookup = lookup;
    }

    /** The caller for a token value; empty when it is unknown, revoked or expired. */
    public Optional<Caller> authenticate(String value) {
        return lookup.caller(value);
    }

    @Transactional
    public CreatedToken createForTeam(Caller creator, Team team, String name, String role, String expiresAt) {
        requirePassword(creator);
        TeamRole tokenRole = parseRole(role);
        if (!access.holds(creator, team, tokenRole)) {
            throw new ForbiddenException("a token's role cannot be above your own; you do not hold " + tokenRole);
        }
        return insert(creator, team, null, Names.require("name", name), tokenRole.name(), parseExpiry(expiresAt));
    }

    @Transactional
    public CreatedToken createPersonal(Caller owner, String name, String expiresAt) {
        requirePassword(owner);
        return insert(owner, null, owner.username(), Names.require("name", name), null, parseExpiry(expiresAt));
    }

    public List<TokenView> ofTeam(Team team) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where team_id = ? order by created_at, name")
                .param(team.id()).query(ApiTokens::view).list();
    }

    public List<TokenView> ofUser(Caller owner) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where owner = ? order by created_at, name")
                .param(owner.username()).query(ApiTokens::view).list();
    }

    /** Revokes a team token and returns it as it was; another team's token is not found. */
    @Transactional
    public TokenView revokeForTeam(Team team, UUID id) {
        TokenView revoked = revoke(id, "team_id = ?", team.id());
        changes.publishEvent(new Change(team.id(), "token", id.toString(), "revoked", revoked, null));
        return revoked;
    }

    @Transactional
    public TokenView revokePersonal(Caller owner, UUID id) {
        TokenView revoked = revoke(id, "owner = ?", owner.username());
        changes.publishEvent(new Change(null, "token", id.toString(), "revoked", revoked, null));
        return revoked;
    }

    private TokenView revoke(UUID id, String ownedBy, Object owner) {
        TokenView token = jdbc.sql("select " + COLUMNS + " from api_tokens where id = ? and " + ownedBy)
                .params(id, owner).query(ApiTokens::view).optional()
                .orElseThrow(() -> new NotFoundException("token " + id + " not found"));
        jdbc.sql("delete from api_tokens where id = ?").param(id).update();
        lookup.forget(id);
        return token;
    }

    private CreatedToken insert(Caller creator, Team team, String owner, String name, String role,
                                OffsetDateTime expiresAt) {
        String value = TokenValues.generate();
        TokenView token = new TokenView(UUID.randomUUID(), name, role, creator.username(),
                OffsetDateTime.now(ZoneOffset.UTC), null, expiresAt);
        jdbc.sql("""
                        insert into api_tokens (id, token_hash, name, team_id, team_name, role, owner, created_by,
                                                created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(token.id(), TokenValues.hash(value), name, team == null ? null : team.id(),
                        team == null ? null : team.name(), role, owner, creator.username(), token.createdAt(),
                        expiresAt)
                .update();
        changes.publishEvent(Change.created(team == null ? null : team.id(), "token", token.id().toString(), token));
        return new CreatedToken(token, value);
    }

    /** A leaked token must not be able to mint tokens that outlive its revocation. */
    private static void requirePassword(Caller caller) {
        if (caller.token() != null) {
            throw new ForbiddenException("an API token cannot create tokens; sign in with your password");
        }
    }

    private static TeamRole parseRole(String role) {
        try {
            return TeamRole.valueOf(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "role must be one of ADMIN, MEMBER, VIEWER");
        }
    }

    private static OffsetDateTime parseExpiry(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(expiresAt);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("expiresAt", "expiresAt must be an ISO-8601 date-time with an offset, "
                    + "e.g. 2030-01-31T00:00:00Z");
        }
        if (!parsed.isAfter(OffsetDateTime.now())) {
            throw new InvalidInputException("expiresAt", "expiresAt must be in the future");
        }
        return parsed;
    }

    private static TokenView view(ResultSet rs, int row) throws SQLException {
        return new TokenView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class));
    }
}
