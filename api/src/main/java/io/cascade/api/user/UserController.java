package io.cascade.api.user;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.ForbiddenException;
import io.cascade.engine.user.Users;
import io.cascade.engine.user.Users.UserView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users of the shared identity store; system administrators only. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @PostMapping
    ResponseEntity<UserView> create(Caller caller, @RequestBody NewUser body) {
        requireSystemAdmin(caller);
        UserView created = users.create(body.username(), body.password(), Boolean.TRUE.equals(body.systemAdmin()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
    }

    @GetMapping
    List<UserView> list(Caller caller) {
        requireSystemAdmin(caller);
        return users.list();
    }

    static void requireSystemAdmin(Caller caller) {
        if (!caller.systemAdmin()) {
            throw new ForbiddenException("only a system administrator can do this");
        }
    }

    record NewUser(String username, String password, Boolean systemAdmin) {
    }
}
