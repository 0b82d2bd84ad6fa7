package io.cascade.api.token;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Ids;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.token.ApiTokens;
import io.cascade.engine.token.CreatedToken;
import io.cascade.engine.token.TokenView;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Team tokens (team admins) and personal tokens (each user their own). */
@RestController
class TokenController {

    private final ApiTokens tokens;
    private final TeamAccess access;

    TokenController(ApiTokens tokens, TeamAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    @PostMapping("/api/v1/teams/{team}/tokens")
    ResponseEntity<CreatedToken> createForTeam(Caller caller, @PathVariable String team,
                                               @RequestBody NewToken body) {
        CreatedToken created = tokens.createForTeam(caller, access.require(caller, team, TeamRole.ADMIN),
                body.name(), body.role(), body.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/api/v1/teams/{team}/tokens")
    List<TokenView> listForTeam(Caller caller, @PathVariable String team) {
        return tokens.ofTeam(access.require(caller, team, TeamRole.ADMIN));
    }

    @DeleteMapping("/api/v1/teams/{team}/tokens/{id}")
    ResponseEntity<Void> revokeForTeam(Caller caller, @PathVariable String team, @PathVariable String id) {
        tokens.revokeForTeam(access.require(caller, team, TeamRole.ADMIN), Ids.parse(id, "token"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/me/tokens")
    ResponseEntity<CreatedToken> createPersonal(Caller caller, @RequestBody NewToken body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.createPersonal(caller, body.name(), body.expiresAt()));
    }

    @GetMapping("/api/v1/me/tokens")
    List<TokenView> listPersonal(Caller caller) {
        return tokens.ofUser(caller);
    }

    @DeleteMapping("/api/v1/me/tokens/{id}")
    ResponseEntity<Void> revokePersonal(Caller caller, @PathVariable String id) {
        tokens.revokePersonal(caller, Ids.parse(id, "token"));
        return ResponseEntity.noContent().build();
    }

    record NewToken(String name, String role, String expiresAt) {
    }
}
