package io.cascade.engine.common;

import java.util.UUID;

/**
 * Who is making a request: a user of the identity service, possibly a system administrator, or an
 * API token. A personal token acts as its user in their teams (never as a system administrator); a
 * team token acts only in its team, with its role.
 */
public record Caller(String username, boolean systemAdmin, Token token) {

    public Caller(String username, boolean systemAdmin) {
        this(username, systemAdmin, null);
    }

    /** A team token's caller is never a system administrator and belongs to no other team. */
    public boolean teamToken() {
        return token != null && token.team() != null;
    }

    /** The API token a request came with; {@code team} and {@code role} are null for a personal token. */
    public record Token(UUID id, String name, String team, String role) {
    }
}
