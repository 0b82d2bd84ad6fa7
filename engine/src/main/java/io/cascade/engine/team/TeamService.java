package io.cascade.engine.team;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.camunda.CockpitAuthorizations;
import io.cascade.engine.user.Users;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and their members. A team is also a Camunda tenant, and members are tenant members. */
@Service
public class TeamService {

    /** The resource type of a membership's {@link Change}. */
    static final String MEMBER = "member";

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final Users users;
    private final ApplicationEventPublisher changes;
    private final CockpitAuthorizations cockpit;

    TeamService(JdbcClient jdbc, IdentityService identity, Users users, ApplicationEventPublisher changes,
                CockpitAuthorizations cockpit) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.identity = identity;
        this.users = users;
        this.cockpit = cockpit;
    }

    @Transactional
    public Team create(String name) {
        Names.require("name", name);
        if (jdbc.sql("select count(*) from teams where name = ?").param(name).query(Long.class).single() > 0) {
            throw new ConflictException("name", "team " + name + " already exists");
        }
        Team team = new Team(UUID.randomUUID(), name);
        jdbc.sql("insert into teams (id, name, created_at) values (?, ?, ?)")
                .params(team.id(), name, OffsetDateTime.now())
                .update();
        identity.saveTenant(identity.newTenant(name));
        return team;
    }

    public List<Membership> teamsOf(Caller caller) {
        if (caller.teamToken()) {
            return List.of(new Membership(caller.token().team(), TeamRole.valueOf(caller.token().role())));
        }
        if (caller.systemAdmin()) {
            return jdbc.sql("""
                            select t.name, coalesce(m.role, 'ADMIN') as role from teams t
                            left join team_members m on m.team_id = t.id and m.username = ?
                            order by t.name""")
                    .param(caller.username())
                    .query((rs, n) -> new Membership(rs.getString(1), TeamRole.valueOf(rs.getString(2))))
                    .list();
        }
        return jdbc.sql("""
                        select t.name, m.role from teams t join team_members m on m.team_id = t.id
                        where m.username = ? order by t.name""")
                .param(caller.username())
                .query((rs, n) -> new Membership(rs.getString(1), TeamRole.valueOf(rs.getString(2))))
                .list();
    }

    @Transactional
    public Member setMember(Team team, String username, String role) {
        TeamRole teamRole = parseRole(role);
        if (!users.exists(username)) {
            throw new NotFoundException("user " + username + " not found");
        }
        String before = jdbc.sql("select role from team_members where team_id = ? and username = ?")
                .params(team.id(), username).query(String.class).optional().orElse(null);
        int updated = jdbc.sql("update team_members set role = ? where team_id = ? and username = ?")
                .params(teamRole.name(), team.id(), username)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into team_members (team_id, username, role) values (?, ?, ?)")
                    .params(team.id(), username, teamRole.name())
                    .update();
        }
        syncCockpit(username);
        Member member = new Member(username, teamRole);
        changes.publishEvent(before == null ? Change.created(team.id(), MEMBER, username, member)
                : Change.updated(team.id(), MEMBER, username, new Member(username, TeamRole.valueOf(before)), member));
        return member;
    }

    /** Takes the user out of the team; answers whether they were in it. */
    @Transactional
    public boolean removeMember(Team team, String username) {
        String before = jdbc.sql("select role from team_members where team_id = ? and username = ? for update")
                .params(team.id(), username).query(String.class).optional().orElse(null);
        if (before == null) {
            return false;
        }
        jdbc.sql("delete from team_members where team_id = ? and username = ?").params(team.id(), username).update();
        syncCockpit(username);
        changes.publishEvent(Change.deleted(team.id(), MEMBER, username, new Member(username, TeamRole.valueOf(before))));
        return true;
    }

    /** Gives the user the Camunda groups and tenants their roles in every team call for. */
    @Transactional
    void syncCockpit(String username) {
        List<Membership> roles = teamsOf(new Caller(username, false));
        cockpit.apply(username, teams(roles, true), teams(roles, false));
    }

    private static Set<String> teams(List<Membership> roles, boolean operated) {
        return roles.stream().filter(m -> m.role().allows(TeamRole.MEMBER) == operated).map(Membership::name)
                .collect(Collectors.toSet());
    }

    /** Everyone who holds a role in some team. */
    List<String> memberUsernames() {
        return jdbc.sql("select distinct username from team_members").query(String.class).list();
    }

    public List<Member> members(Team team) {
        return jdbc.sql("select username, role from team_members where team_id = ? order by username")
                .param(team.id())
                .query((rs, n) -> new Member(rs.getString(1), TeamRole.valueOf(rs.getString(2))))
                .list();
    }

    private static TeamRole parseRole(String role) {
        try {
            return TeamRole.valueOf(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "role must be one of ADMIN, MEMBER, VIEWER");
        }
    }

    public record Membership(String name, TeamRole role) {
    }

    public record Member(String username, TeamRole role) {
    }
}
