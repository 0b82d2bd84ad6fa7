package io.cascade.api.execution;

import io.cascade.engine.common.Caller;
import io.cascade.engine.execution.Overview;
import io.cascade.engine.webhook.DisabledWebhooks;
import io.cascade.engine.webhook.WebhookAction;
import io.cascade.engine.execution.OverviewQueries;
import io.cascade.engine.execution.OverviewRange;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The overview charts' data: counts per hour or day, success rate, latency, what fails most. */
@RestController
class OverviewController {

    private final OverviewQueries overviews;
    private final TeamAccess access;
    private final ProjectService projects;
    private final DisabledWebhooks disabledWebhooks;

    OverviewController(OverviewQueries overviews, TeamAccess access, ProjectService projects,
                       DisabledWebhooks disabledWebhooks) {
        this.overviews = overviews;
        this.disabledWebhooks = disabledWebhooks;
        this.access = access;
        this.projects = projects;
    }

    @Operation(summary = "How a team's or a project's automations did over the last 24 hours, 7 or 30 days (VIEWER)",
            description = "24h and 7d are counted per UTC hour, 30d per UTC day; the last bucket is the current one.")
    @GetMapping("/api/v1/teams/{team}/overview")
    Overview overview(Caller caller, @PathVariable String team,
                      @Parameter(schema = @Schema(allowableValues = {"24h", "7d", "30d"}, defaultValue = "24h"))
                      @RequestParam(required = false, defaultValue = "24h") String range,
                      @Parameter(description = "only this project") @RequestParam(required = false) String project) {
        Team owner = access.require(caller, team, TeamRole.VIEWER);
        OverviewRange parsed = OverviewRange.parse(range);
        return overviews.overview(owner.id(), project == null ? null : projects.require(owner, project).id(), parsed,
                WebhookAction.TYPE, disabledWebhooks.of(owner.id()).stream()
                        .map(w -> new Overview.DisabledWebhook(w.name(), w.reason(), w.since())).toList());
    }
}
