package io.cascade.engine.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first system administrator from {@code cascade.admin.username/password}. With no
 * user in the store and none configured, the server would be unusable, so it refuses to start.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final String username;
    private final String password;

    AdminBootstrap(Users users,
                   @Value("${cascade.admin.username:}") String username,
                   @Value("${cascade.admin.password:}") String password) {
        this.users = users;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isBlank() || password.isBlank()) {
            if (!users.anyUserExists()) {
                throw new IllegalStateException("No user exists yet: set CASCADE_ADMIN_USER and "
                        + "CASCADE_ADMIN_PASSWORD to create the first administrator.");
            }
            return;
        }
        if (!users.exists(username)) {
            users.create(username, password, true);
            log.info("Created system administrator '{}'", username);
        }
    }
}
