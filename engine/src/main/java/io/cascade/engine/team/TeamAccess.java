package io.cascade.engine.team;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ForbiddenException;
import io.cascade.engine.common.NotFoundException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The one gate to a team's resources. A caller outside the team gets a 404, as if the team did
 * not exist; a member whose role is too low gets a 403.
 */
@Component
public class TeamAccess {

    private final JdbcClient jdbc;
    private final RecentPlaces<ProjectRow> recentPlaces;

    TeamAccess(JdbcClient jdbc, @Value("${cascade.automations.sync-interval:PT1S}") Duration syncInterval) {
        this.jdbc = jdbc;
        this.recentPlaces = new RecentPlaces<>(syncInterval, System::nanoTime);
    }

    public Team require(Caller caller, String teamName, TeamRole needed) {
        var row = jdbc.sql("""
                        select t.id, t.name, m.role from teams t
                        left join team_members m on m.team_id = t.id and m.username = :user
                        where t.name = :name""")
                .param("user", caller.username())
                .param("name", teamName)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role")))
                .optional()
                .orElseThrow(() -> notFound(teamName));
        return authorize(caller, row, needed);
    }

    /**
     * {@link #require}, and the id of the team's project of this name (null when it has none) in the
     * same read: one round trip for a request that names both, such as an event. What a read found is
     * used again for the sync interval ({@link RecentPlaces}), as every event of a client goes to the
     * same few projects; a change of membership on this node applies at once, on another within the
     * interval.
     */
    public WithProject requireWithProject(Caller caller, String teamName, String projectName, TeamRole needed) {
        ProjectRow found = recentPlaces.get(caller.username(), teamName, projectName);
        if (found == null) {
            long readFrom = recentPlaces.generation();
            found = readWithProject(caller, teamName, projectName);
            if (found.projectId() != null) { // a project not found yet is looked for again next time
                recentPlaces.put(caller.username(), teamName, projectName, found, readFrom);
            }
        }
        return new WithProject(authorize(caller, found.team(), needed), found.projectId());
    }

    /**
     * A member added, changed or removed on this node: reads from before it are not used again. Teams and
     * projects are never renamed or deleted; whatever comes to do so must clear these reads as well.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void membershipChanged(Change change) {
        if (TeamService.MEMBER.equals(change.resourceType())) {
            recentPlaces.clear();
        }
    }

    private ProjectRow readWithProject(Caller caller, String teamName, String projectName) {
        return jdbc.sql("""
                        select t.id, t.name, m.role, p.id as project_id from teams t
                        left join team_members m on m.team_id = t.id and m.username = :user
                        left join projects p on p.team_id = t.id and p.name = :project
                        where t.name = :name""")
                .param("user", caller.username())
                .param("name", teamName)
                .param("project", projectName)
                .query((rs, n) -> new ProjectRow(new Row(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("role")), rs.getObject("project_id", UUID.class)))
                .optional()
                .orElseThrow(() -> notFound(teamName));
    }

    private Team authorize(Caller caller, Row row, TeamRole needed) {
        Team team = new Team(row.id(), row.name());
        if (caller.systemAdmin()) {
            return team;
        }
        String held = caller.teamToken() ? tokenRole(caller, team) : row.role();
        if (held == null) {
            throw notFound(row.name());
        }
        TeamRole role = TeamRole.valueOf(held);
        if (!role.allows(needed)) {
            throw new ForbiddenException("this needs the " + needed + " role in team " + row.name()
                    + "; you are " + role);
        }
        return team;
    }

    /**
     * Whether the caller holds at least the role in the team, where the role changes what an answer
     * shows rather than whether it is allowed; system administrators hold every role.
     */
    public boolean holds(Caller caller, Team team, TeamRole role) {
        if (caller.systemAdmin()) {
            return true;
        }
        if (caller.teamToken()) {
            String held = tokenRole(caller, team);
            return held != null && TeamRole.valueOf(held).allows(role);
        }
        return jdbc.sql("select role from team_members where team_id = ? and username = ?")
                .params(team.id(), caller.username())
                .query(String.class)
                .optional()
                .map(held -> TeamRole.valueOf(held).allows(role))
                .orElse(false);
    }

    /** The ids of the teams the caller belongs to (a team token: its one team); every team for system administrators. */
    public Set<UUID> teamIds(Caller caller) {
        if (caller.systemAdmin()) {
            return Set.copyOf(jdbc.sql("select id from teams").query(UUID.class).list());
        }
        if (caller.teamToken()) {
            return Set.copyOf(jdbc.sql("select id from teams where name = ?").param(caller.token().team())
                    .query(UUID.class).list());
        }
        return Set.copyOf(jdbc.sql("select team_id from team_members where username = ?").param(caller.username())
                .query(UUID.class).list());
    }

    /** A team token holds its role in its own team and nothing anywhere else. */
    private static String tokenRole(Caller caller, Team team) {
        return team.name().equals(caller.token().team()) ? caller.token().role() : null;
    }

    private static NotFoundException notFound(String teamName) {
        return new NotFoundException("team " + teamName + " not found");
    }

    private record Row(UUID id, String name, String role) {
    }

    private record ProjectRow(Row team, UUID projectId) {
    }

    /** A team the caller may act in, and the id of its project asked for, null when it has none. */
    public record WithProject(Team team, UUID projectId) {
    }
}
