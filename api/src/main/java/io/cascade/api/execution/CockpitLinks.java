package io.cascade.api.execution;

import io.cascade.engine.common.Caller;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import org.springframework.stereotype.Component;

/** Where in Cockpit an execution's process instance is, for callers who may open it there. */
@Component
class CockpitLinks {

    static final String INSTANCE_PATH = "/camunda/app/cockpit/default/#/process-instance/";

    private final TeamAccess access;

    CockpitLinks(TeamAccess access) {
        this.access = access;
    }

    /**
     * Who may open a run in Cockpit: system administrators, and every member of the run's team
     * (Camunda's authorizations let VIEWERs read it there and MEMBERs and ADMINs retry it).
     */
    boolean mayOpen(Caller caller, Team team) {
        return access.holds(caller, team, TeamRole.VIEWER);
    }

    /** The path of the instance's page in Cockpit, relative to the server's root; null when there is none. */
    String link(Caller caller, Team team, String processInstanceId) {
        return processInstanceId == null || !mayOpen(caller, team) ? null : INSTANCE_PATH + processInstanceId;
    }
}
