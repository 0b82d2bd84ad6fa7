package io.cascade.api.execution;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Cursor;
import io.cascade.engine.execution.HistoryFilter;
import io.cascade.engine.execution.HistoryPage;
import io.cascade.engine.execution.HistoryQueries;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Execution history lists, for a team or one of its projects, newest first. */
@RestController
class HistoryController {

    private final HistoryQueries history;
    private final TeamAccess access;
    private final ProjectService projects;

    HistoryController(HistoryQueries history, TeamAccess access, ProjectService projects) {
        this.history = history;
        this.access = access;
        this.projects = projects;
    }

    @Operation(summary = "A team's execution history, newest first (VIEWER)")
    @GetMapping("/api/v1/teams/{team}/executions")
    HistoryPage team(Caller caller, @PathVariable String team,
                     @Parameter(description = "only this project's executions") @RequestParam(required = false)
                     String project,
                     @Parameter(description = "an automation id") @RequestParam(required = false) String automation,
                     @Parameter(schema = @Schema(allowableValues = {"PENDING", "RUNNING", "FINISHED", "FAILED"}))
                     @RequestParam(required = false) String status,
                     @Parameter(schema = @Schema(allowableValues = {"CREATE_ARTIFACT", "LINK_ARTIFACT",
                             "ADD_ARTIFACT_ALIAS"})) @RequestParam(required = false) String eventType,
                     @Parameter(description = "created at or after (ISO-8601 with offset)",
                             schema = @Schema(format = "date-time")) @RequestParam(required = false) String from,
                     @Parameter(description = "created before (ISO-8601 with offset)",
                             schema = @Schema(format = "date-time")) @RequestParam(required = false) String to,
                     @Parameter(description = "start of the collection or the author, any case (at most 128 characters)")
                     @RequestParam(required = false) String q,
                     @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
                     @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
                     String cursor) {
        Team owner = access.require(caller, team, TeamRole.VIEWER);
        UUID projectId = project == null ? null : projects.require(owner, project).id();
        return shown(caller, owner, history.list(owner.id(),
                filter(projectId, automation, status, eventType, from, to, q, limit, cursor)));
    }

    @Operation(summary = "A project's execution history, newest first (VIEWER)")
    @GetMapping("/api/v1/teams/{team}/projects/{project}/executions")
    HistoryPage project(Caller caller, @PathVariable String team, @PathVariable String project,
                        @Parameter(description = "an automation id") @RequestParam(required = false) String automation,
                        @Parameter(schema = @Schema(allowableValues = {"PENDING", "RUNNING", "FINISHED", "FAILED"}))
                        @RequestParam(required = false) String status,
                        @Parameter(schema = @Schema(allowableValues = {"CREATE_ARTIFACT", "LINK_ARTIFACT",
                                "ADD_ARTIFACT_ALIAS"})) @RequestParam(required = false) String eventType,
                        @Parameter(description = "created at or after (ISO-8601 with offset)",
                                schema = @Schema(format = "date-time")) @RequestParam(required = false) String from,
                        @Parameter(description = "created before (ISO-8601 with offset)",
                                schema = @Schema(format = "date-time")) @RequestParam(required = false) String to,
                        @Parameter(description = "start of the collection or the author, any case (at most 128 characters)")
                        @RequestParam(required = false) String q,
                        @Parameter(description = "1 to 200, default 50") @RequestParam(required = false) Integer limit,
                        @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false)
                        String cursor) {
        Team owner = access.require(caller, team, TeamRole.VIEWER);
        UUID projectId = projects.require(owner, project).id();
        return shown(caller, owner, history.list(owner.id(),
                filter(projectId, automation, status, eventType, from, to, q, limit, cursor)));
    }

    private static HistoryFilter filter(UUID projectId, String automation, String status, String eventType,
                                        String from, String to, String q, Integer limit, String cursor) {
        return new HistoryFilter(projectId, HistoryParameters.automation(automation), HistoryParameters.status(status),
                HistoryParameters.eventType(eventType), HistoryParameters.time("from", from),
                HistoryParameters.time("to", to), q, limit == null ? HistoryFilter.DEFAULT_LIMIT : limit,
                Cursor.decode(cursor));
    }

    /** A webhook URL can itself be a credential, and webhooks are for team admins: others see its origin only. */
    private HistoryPage shown(Caller caller, Team team, HistoryPage page) {
        return access.holds(caller, team, TeamRole.ADMIN) ? page : page.withUrlOriginsOnly();
    }
}
