package io.cascade.engine.team;

/** A member's role in a team; each role can do everything the ones before it can. */
public enum TeamRole {
    VIEWER, MEMBER, ADMIN;

    public boolean allows(TeamRole needed) {
        return compareTo(needed) >= 0;
    }
}
