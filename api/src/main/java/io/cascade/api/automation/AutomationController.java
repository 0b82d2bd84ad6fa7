package io.cascade.api.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.automation.AutomationRequest;
import io.cascade.engine.automation.AutomationService;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Ids;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A project's automations: members and admins write, viewers read. */
@RestController
@RequestMapping("/api/v1/teams/{team}/projects/{project}/automations")
class AutomationController {

    private final AutomationService automations;
    private final TeamAccess access;
    private final ProjectService projects;

    AutomationController(AutomationService automations, TeamAccess access, ProjectService projects) {
        this.automations = automations;
        this.access = access;
        this.projects = projects;
    }

    @PostMapping
    ResponseEntity<AutomationView> create(Caller caller, @PathVariable String team, @PathVariable String project,
                                          @RequestBody AutomationRequest body) {
        Team owner = access.require(caller, team, TeamRole.MEMBER);
        AutomationView created = AutomationView.of(automations.create(owner, projects.require(owner, project), body));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/projects/" + project + "/automations/"
                + created.id())).body(created);
    }

    @GetMapping
    List<AutomationView> list(Caller caller, @PathVariable String team, @PathVariable String project) {
        return automations.list(project(caller, team, project, TeamRole.VIEWER)).stream()
                .map(AutomationView::of).toList();
    }

    @GetMapping("/{id}")
    AutomationView get(Caller caller, @PathVariable String team, @PathVariable String project, @PathVariable String id) {
        return AutomationView.of(automations.require(project(caller, team, project, TeamRole.VIEWER),
                Ids.parse(id, "automation")));
    }

    @PatchMapping("/{id}")
    AutomationView patch(Caller caller, @PathVariable String team, @PathVariable String project,
                         @PathVariable String id,
                         @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "only the fields to change",
                                 content = @Content(schema = @Schema(implementation = AutomationRequest.class)))
                         @RequestBody JsonNode body) {
        Team owner = access.require(caller, team, TeamRole.MEMBER);
        return AutomationView.of(automations.patch(owner, projects.require(owner, project), Ids.parse(id, "automation"),
                body));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String team, @PathVariable String project,
                                @PathVariable String id) {
        automations.delete(project(caller, team, project, TeamRole.MEMBER), Ids.parse(id, "automation"));
        return ResponseEntity.noContent().build();
    }

    private Project project(Caller caller, String team, String project, TeamRole role) {
        return projects.require(access.require(caller, team, role), project);
    }
}
