package io.cascade.api.audit;

import io.cascade.engine.common.Cursor;
import io.cascade.engine.audit.AuditFilter;
import io.cascade.engine.audit.AuditPage;
import io.cascade.engine.audit.AuditQueries;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.ForbiddenException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who changed what in a team: team admins only; what belongs to no team: system administrators. */
@RestController
class AuditController {

    private final AuditQueries audit;
    private final TeamAccess access;

    AuditController(AuditQueries audit, TeamAccess access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/api/v1/teams/{team}/audit")
    AuditPage list(Caller caller, @PathVariable String team,
                   @RequestParam(required = false) String resourceType,
                   @RequestParam(required = false) String action,
                   @RequestParam(required = false) String actor,
                   @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to,
                   @RequestParam(required = false) Integer limit,
                   @RequestParam(required = false) String cursor) {
        AuditFilter filter = filter(resourceType, action, actor, from, to, limit, cursor);
        return audit.list(access.require(caller, team, TeamRole.ADMIN), filter);
    }

    @GetMapping("/api/v1/audit")
    AuditPage outsideTeams(Caller caller,
                           @RequestParam(required = false) String resourceType,
                           @RequestParam(required = false) String action,
                           @RequestParam(required = false) String actor,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        if (!caller.systemAdmin()) {
            throw new ForbiddenException("only system administrators read the changes outside teams");
        }
        return audit.listOutsideTeams(filter(resourceType, action, actor, from, to, limit, cursor));
    }

    private static AuditFilter filter(String resourceType, String action, String actor, String from, String to,
                                      Integer limit, String cursor) {
        return new AuditFilter(resourceType, action, actor, time("from", from), time("to", to),
                limit == null ? AuditFilter.DEFAULT_LIMIT : limit, Cursor.decode(cursor));
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " must be an ISO-8601 date-time with an offset, "
                    + "e.g. 2030-01-31T00:00:00Z");
        }
    }
}
