package io.cascade.api.security;

import io.cascade.engine.camunda.CockpitAuthorizations;
import io.cascade.engine.common.Caller;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.user.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user Spring Security authenticated on /engine-rest to Camunda, with their groups and
 * tenants (teams), so the engine's tenant checks apply: an agent of one team never sees another
 * team's external tasks.
 */
class EngineRestAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identity;

    EngineRestAuthenticationFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller = CallerArgumentResolver.current();
        if (caller.teamToken()) {
            // A team token is no Camunda user: it acts as its team's agent (an operator of that
            // tenant alone) when its role may act, and as a reader of nothing otherwise.
            boolean mayAct = TeamRole.valueOf(caller.token().role()).allows(TeamRole.MEMBER);
            identity.setAuthentication(caller.username(),
                    mayAct ? List.of(CockpitAuthorizations.OPERATORS) : List.of(),
                    mayAct ? List.of(caller.token().team()) : List.of());
        } else {
            String user = caller.username();
            // a personal token acts as its user in their teams, never as a system administrator
            List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                    .filter(group -> caller.token() == null || !group.equals(Users.SYSTEM_ADMIN_GROUP))
                    .toList();
            List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
                    .stream().map(Tenant::getId).toList();
            identity.setAuthentication(user, groups, tenants);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }
}
