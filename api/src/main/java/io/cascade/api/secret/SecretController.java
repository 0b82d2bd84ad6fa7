package io.cascade.api.secret;

import io.cascade.engine.common.Caller;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.secret.SecretService.SecretInfo;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Team secrets: team admins only; values go in and never come out. */
@RestController
@RequestMapping("/api/v1/teams/{team}/secrets")
class SecretController {

    private final SecretService secrets;
    private final TeamAccess access;

    SecretController(SecretService secrets, TeamAccess access) {
        this.secrets = secrets;
        this.access = access;
    }

    @PutMapping("/{name}")
    ResponseEntity<SecretInfo> put(Caller caller, @PathVariable String team, @PathVariable String name,
                                   @RequestBody Value body) {
        Team owner = access.require(caller, team, TeamRole.ADMIN);
        boolean created = secrets.put(owner, name, body.value());
        SecretInfo info = secrets.list(owner).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(info);
    }

    @GetMapping
    List<SecretInfo> list(Caller caller, @PathVariable String team) {
        return secrets.list(access.require(caller, team, TeamRole.ADMIN));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String team, @PathVariable String name) {
        secrets.delete(access.require(caller, team, TeamRole.ADMIN), name);
        return ResponseEntity.noContent().build();
    }

    record Value(String value) {
        @Override
        public String toString() {
            return "Value[value=********]";
        }
    }
}
