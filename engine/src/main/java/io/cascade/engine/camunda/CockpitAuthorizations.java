package io.cascade.engine.camunda;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team roles as Camunda sees them. Two groups carry the rights (operators: MEMBER and ADMIN;
 * viewers: VIEWER) on every process, and tenant membership narrows them to the user's teams.
 * Camunda's rights belong to a user, not to a tenant, so a user who operates any team is
 * a tenant of their operated teams only: a team they merely view stays out of their Cockpit.
 * Camunda's identity tables are shared by every node, so a change here is in force cluster-wide
 * once its transaction commits.
 */
@Component
public class CockpitAuthorizations {

    public static final String OPERATORS = "cascade-team-operators";
    public static final String VIEWERS = "cascade-team-viewers";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final JdbcClient jdbc;

    CockpitAuthorizations(IdentityService identity, AuthorizationService authorizations, JdbcClient jdbc) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
    }

    /** Creates the groups and sets their rights (and the system administrators') to exactly these. */
    @Transactional
    public void ensureRoleRights() {
        group(OPERATORS, "Team operators (MEMBER, ADMIN)");
        grant(OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(OPERATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(OPERATORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.RETRY_JOB);
        // UPDATE is what completing an external task needs; Camunda lets it edit variables and move
        // tokens too, which CockpitWriteFilter keeps for system administrators.
        grant(OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.RETRY_JOB,
                ProcessInstancePermissions.DELETE);
        grant(OPERATORS, Resources.TASK, ANY, Permissions.READ);

        group(VIEWERS, "Team viewers (VIEWER)");
        grant(VIEWERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(VIEWERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(VIEWERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);

        group(Groups.CAMUNDA_ADMIN, "Cascade system administrators");
        for (Resources resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    /**
     * Puts the user in the group and tenants their roles give: {@code operated} are the teams where
     * they are MEMBER or ADMIN, {@code viewed} those where they are VIEWER. Holds the user's row
     * lock, so two role changes of one user apply one after the other.
     */
    @Transactional
    public void apply(String username, Set<String> operated, Set<String> viewed) {
        if (jdbc.sql("select id_ from act_id_user where id_ = ? for update").param(username)
                .query(String.class).optional().isEmpty()) {
            return;
        }
        boolean operator = !operated.isEmpty();
        Set<String> groups = operator ? Set.of(OPERATORS) : viewed.isEmpty() ? Set.of() : Set.of(VIEWERS);
        Set<String> tenants = operator ? operated : viewed;

        Set<String> heldGroups = new HashSet<>(identity.createGroupQuery().groupMember(username)
                .groupIdIn(OPERATORS, VIEWERS).list().stream().map(Group::getId).toList());
        for (String group : List.of(OPERATORS, VIEWERS)) {
            if (groups.contains(group) && !heldGroups.contains(group)) {
                identity.createMembership(username, group);
            } else if (!groups.contains(group) && heldGroups.contains(group)) {
                identity.deleteMembership(username, group);
            }
        }
        Set<String> heldTenants = new HashSet<>(identity.createTenantQuery().userMember(username).list().stream()
                .map(Tenant::getId).toList());
        tenants.stream().filter(t -> !heldTenants.contains(t))
                .forEach(t -> identity.createTenantUserMembership(t, username));
        heldTenants.stream().filter(t -> !tenants.contains(t))
                .forEach(t -> identity.deleteTenantUserMembership(t, username));
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        authorization.setPermissions(permissions);
        authorizations.saveAuthorization(authorization);
    }
}
