package io.cascade.engine.team;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cascade.engine.camunda.CockpitAuthorizations;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start, brings Camunda's groups, rights and tenant memberships in line with the team roles in
 * the database, so a node started on an older database (or one a crash left half-written) converges.
 */
@Component
class CockpitRoles implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CockpitRoles.class);

    private final CockpitAuthorizations authorizations;
    private final TeamService teams;

    CockpitRoles(CockpitAuthorizations authorizations, TeamService teams) {
        this.authorizations = authorizations;
        this.teams = teams;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            authorizations.ensureRoleRights();
        } catch (RuntimeException concurrentStart) {
            // another node created the same rows at the same moment; they are there now
            log.debug("role rights were being created elsewhere, checking again", concurrentStart);
            authorizations.ensureRoleRights();
        }
        teams.memberUsernames().forEach(teams::syncCockpit);
    }
}
