package io.cascade.api.launch;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.execution.ExecutionQueries;
import io.cascade.engine.execution.ExecutionView;
import io.cascade.engine.execution.RunStatus;
import io.cascade.engine.launch.Queue;
import io.cascade.engine.launch.QueueService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A team's launch queues (team admins manage them) and the runs on each. */
@RestController
@RequestMapping("/api/v1/teams/{team}/queues")
class QueueController {

    static final int MAX_RUNS = 200;

    private final QueueService queues;
    private final ExecutionQueries executions;
    private final TeamAccess access;

    QueueController(QueueService queues, ExecutionQueries executions, TeamAccess access) {
        this.queues = queues;
        this.executions = executions;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<Queue> create(Caller caller, @PathVariable String team, @RequestBody NewQueue body) {
        Queue queue = queues.create(access.require(caller, team, TeamRole.ADMIN), body.name(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team + "/queues/" + queue.name())).body(queue);
    }

    @GetMapping
    List<Queue> list(Caller caller, @PathVariable String team) {
        return queues.list(access.require(caller, team, TeamRole.VIEWER));
    }

    @DeleteMapping("/{queue}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String team, @PathVariable String queue) {
        queues.delete(access.require(caller, team, TeamRole.ADMIN), queue);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{queue}/runs")
    List<ExecutionView> runs(Caller caller, @PathVariable String team, @PathVariable String queue,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) Integer limit) {
        Team owner = access.require(caller, team, TeamRole.VIEWER);
        queues.require(owner, queue);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_RUNS) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_RUNS);
        }
        return executions.runs(owner.id(), queue, status == null ? null : runStatus(status), size);
    }

    private static RunStatus runStatus(String value) {
        try {
            return RunStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status must be one of QUEUED, RUNNING, FINISHED, FAILED");
        }
    }

    record NewQueue(String name, String description) {
    }
}
