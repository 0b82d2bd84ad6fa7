package io.cascade.engine.user;

import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user store: Camunda's identity service, so the same accounts log into Cockpit. */
@Service
public class Users {

    public static final String SYSTEM_ADMIN_GROUP = Groups.CAMUNDA_ADMIN;
    static final int MIN_PASSWORD_LENGTH = 4;

    private final IdentityService identity;

    Users(IdentityService identity) {
        this.identity = identity;
    }

    public boolean checkPassword(String username, String password) {
        return username != null && password != null && identity.checkPassword(username, password);
    }

    public boolean exists(String username) {
        return identity.createUserQuery().userId(username).count() > 0;
    }

    public boolean isSystemAdmin(String username) {
        return identity.createGroupQuery().groupMember(username).groupId(SYSTEM_ADMIN_GROUP).count() > 0;
    }

    boolean anyUserExists() {
        return identity.createUserQuery().count() > 0;
    }

    public List<UserView> list() {
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(u -> new UserView(u.getId(), isSystemAdmin(u.getId())))
                .toList();
    }

    @Transactional
    public UserView create(String username, String password, boolean systemAdmin) {
        Names.require("username", username);
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password",
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (exists(username)) {
            throw new ConflictException("username", "user " + username + " already exists");
        }
        User user = identity.newUser(username);
        // Cockpit's header shows "first last"; unset, that reads "null null".
        user.setFirstName(username);
        user.setLastName("");
        user.setPassword(password);
        identity.saveUser(user);
        if (systemAdmin) {
            ensureSystemAdminGroup();
            identity.createMembership(username, SYSTEM_ADMIN_GROUP);
        }
        return new UserView(username, systemAdmin);
    }

    private void ensureSystemAdminGroup() {
        if (identity.createGroupQuery().groupId(SYSTEM_ADMIN_GROUP).count() == 0) {
            var group = identity.newGroup(SYSTEM_ADMIN_GROUP);
            group.setName("Cascade system administrators");
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
    }

    public record UserView(String username, boolean systemAdmin) {
    }
}
