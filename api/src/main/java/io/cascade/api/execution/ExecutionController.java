package io.cascade.api.execution;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Ids;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.execution.ExecutionQueries;
import io.cascade.engine.webhook.delivery.Redelivery;
import io.cascade.engine.execution.ExecutionView;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Execution history: what each automation run sent, and every attempt. */
@RestController
class ExecutionController {

    private final ExecutionQueries queries;
    private final Redelivery redelivery;
    private final TeamAccess access;
    private final CockpitLinks cockpit;

    ExecutionController(ExecutionQueries queries, Redelivery redelivery, TeamAccess access, CockpitLinks cockpit) {
        this.cockpit = cockpit;
        this.queries = queries;
        this.redelivery = redelivery;
        this.access = access;
    }

    @GetMapping("/api/v1/executions/{id}")
    ExecutionDetail get(Caller caller, @PathVariable String id) {
        UUID executionId = Ids.parse(id, "execution");
        Team team = owner(caller, executionId, TeamRole.VIEWER);
        return detail(caller, team, queries.get(executionId));
    }

    @PostMapping("/api/v1/executions/{id}/redeliver")
    ResponseEntity<ExecutionDetail> redeliver(Caller caller, @PathVariable String id) {
        UUID executionId = Ids.parse(id, "execution");
        Team team = owner(caller, executionId, TeamRole.MEMBER);
        redelivery.redeliver(executionId, team.name());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(detail(caller, team, queries.get(executionId)));
    }

    /** Outside the owning team, the answer is the one for an id that does not exist: it names no team. */
    private Team owner(Caller caller, UUID executionId, TeamRole needed) {
        try {
            return access.require(caller, queries.teamOf(executionId), needed);
        } catch (NotFoundException outsider) {
            throw new NotFoundException("execution " + executionId + " not found");
        }
    }

    private ExecutionDetail detail(Caller caller, Team team, ExecutionView execution) {
        return ExecutionDetail.of(shown(caller, team, execution),
                cockpit.link(caller, team, execution.processInstanceId()));
    }

    /** A webhook URL can itself be a credential, and webhooks are for team admins: others see its origin only. */
    private ExecutionView shown(Caller caller, Team team, ExecutionView execution) {
        return access.holds(caller, team, TeamRole.ADMIN) ? execution : execution.withUrlOriginOnly();
    }
}
