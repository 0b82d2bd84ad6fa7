package io.cascade.api.me;

import io.cascade.engine.common.Caller;
import io.cascade.engine.team.TeamService;
import io.cascade.engine.team.TeamService.Membership;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, and the CSRF token the browser app sends back. */
@RestController
@RequestMapping("/api/v1")
class MeController {

    private final TeamService teams;

    MeController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping("/me")
    Me me(Caller caller) {
        return new Me(caller.username(), caller.systemAdmin(), teams.teamsOf(caller));
    }

    @GetMapping("/csrf")
    Csrf csrf(CsrfToken token) {
        return new Csrf(token.getToken(), token.getHeaderName());
    }

    record Me(String username, boolean systemAdmin, List<Membership> teams) {
    }

    record Csrf(String token, String headerName) {
    }
}
