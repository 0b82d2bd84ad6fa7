package io.cascade.engine.camunda;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Camunda's defaults let a new user do anything to their own account, deleting it included;
 * Cascade's accounts are managed through Cascade, so a user may only read their own.
 */
class CascadeAuthorizationDefaults extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newUser(User user) {
        AuthorizationEntity own = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        own.setUserId(user.getId());
        own.setResource(Resources.USER);
        own.setResourceId(user.getId());
        own.addPermission(Permissions.READ);
        return new AuthorizationEntity[] {own};
    }
}
