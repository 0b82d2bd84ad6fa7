package io.cascade.api.execution;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Ids;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.execution.Cursor;
import io.cascade.engine.execution.ExecutionFilter;
import io.cascade.engine.execution.ExecutionPage;
import io.cascade.engine.execution.ExecutionQueries;
import io.cascade.engine.webhook.delivery.Redelivery;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.execution.ExecutionView;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Execution history: what each automation run sent, and every attempt. */
@RestController
class ExecutionController {

    private final ExecutionQueries queries;
    private final Redelivery redelivery;
    private final TeamAccess access;
    private final ProjectService projects;

    ExecutionController(ExecutionQueries queries, Redelivery redelivery, TeamAccess access,
                        ProjectService projects) {
        this.queries = queries;
        this.redelivery = redelivery;
        this.access = access;
        this.projects = projects;
    }

    @GetMapping("/api/v1/teams/{team}/projects/{project}/executions")
    ExecutionPage list(Caller caller, @PathVariable String team, @PathVariable String project,
                       @RequestParam(required = false) String automation,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to,
                       @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String cursor) {
        Team owner = access.require(caller, team, TeamRole.VIEWER);
        ExecutionFilter filter = new ExecutionFilter(
                automation == null ? null : uuid("automation", automation),
                status == null ? null : status(status),
                time("from", from), time("to", to),
                limit == null ? ExecutionFilter.DEFAULT_LIMIT : limit,
                Cursor.decode(cursor));
        ExecutionPage page = queries.list(projects.require(owner, project).id(), filter);
        return access.holds(caller, owner, TeamRole.ADMIN) ? page : page.withUrlOriginsOnly();
    }

    @GetMapping("/api/v1/executions/{id}")
    ExecutionView get(Caller caller, @PathVariable String id) {
        UUID executionId = Ids.parse(id, "execution");
        Team team = access.require(caller, queries.teamOf(executionId), TeamRole.VIEWER);
        return shown(caller, team, queries.get(executionId));
    }

    @PostMapping("/api/v1/executions/{id}/redeliver")
    ResponseEntity<ExecutionView> redeliver(Caller caller, @PathVariable String id) {
        UUID executionId = Ids.parse(id, "execution");
        Team team = access.require(caller, queries.teamOf(executionId), TeamRole.MEMBER);
        redelivery.redeliver(executionId, team.name());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(shown(caller, team, queries.get(executionId)));
    }

    /** A webhook URL can itself be a credential, and webhooks are for team admins: others see its origin only. */
    private ExecutionView shown(Caller caller, Team team, ExecutionView execution) {
        return access.holds(caller, team, TeamRole.ADMIN) ? execution : execution.withUrlOriginOnly();
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " must be an automation id");
        }
    }

    private static ExecutionStatus status(String value) {
        try {
            return ExecutionStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status must be one of PENDING, RUNNING, FINISHED, FAILED");
        }
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 date-time with offset, e.g. 2026-11-28T10:00:00Z");
        }
    }
}
