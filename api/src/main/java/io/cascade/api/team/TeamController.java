package io.cascade.api.team;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.ForbiddenException;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.team.TeamService;
import io.cascade.engine.team.TeamService.Member;
import io.cascade.engine.team.TeamService.Membership;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Teams, their members and their projects. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamController {

    private final TeamService teams;
    private final TeamAccess access;
    private final ProjectService projects;

    TeamController(TeamService teams, TeamAccess access, ProjectService projects) {
        this.teams = teams;
        this.access = access;
        this.projects = projects;
    }

    @PostMapping
    ResponseEntity<TeamView> create(Caller caller, @RequestBody Named body) {
        if (!caller.systemAdmin()) {
            throw new ForbiddenException("only a system administrator can create teams");
        }
        Team team = teams.create(body.name());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.name())).body(new TeamView(team.name()));
    }

    @GetMapping
    List<Membership> list(Caller caller) {
        return teams.teamsOf(caller);
    }

    @PutMapping("/{team}/members/{user}")
    Member setMember(Caller caller, @PathVariable String team, @PathVariable String user, @RequestBody RoleBody body) {
        return teams.setMember(access.require(caller, team, TeamRole.ADMIN), user, body.role());
    }

    @DeleteMapping("/{team}/members/{user}")
    ResponseEntity<Void> removeMember(Caller caller, @PathVariable String team, @PathVariable String user) {
        if (!teams.removeMember(access.require(caller, team, TeamRole.ADMIN), user)) {
            throw new NotFoundException("user " + user + " is not a member of team " + team);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{team}/members")
    List<Member> members(Caller caller, @PathVariable String team) {
        return teams.members(access.require(caller, team, TeamRole.VIEWER));
    }

    @PostMapping("/{team}/projects")
    ResponseEntity<ProjectView> createProject(Caller caller, @PathVariable String team, @RequestBody Named body) {
        Project project = projects.create(access.require(caller, team, TeamRole.MEMBER), body.name());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/projects/" + project.name()))
                .body(ProjectView.of(project));
    }

    @GetMapping("/{team}/projects")
    List<ProjectView> projects(Caller caller, @PathVariable String team) {
        return projects.list(access.require(caller, team, TeamRole.VIEWER)).stream().map(ProjectView::of).toList();
    }

    record Named(String name) {
    }

    record RoleBody(String role) {
    }

    record TeamView(String name) {
    }

    record ProjectView(String id, String name) {
        static ProjectView of(Project project) {
            return new ProjectView(project.id().toString(), project.name());
        }
    }
}
