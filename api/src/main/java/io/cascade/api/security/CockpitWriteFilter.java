package io.cascade.api.security;

import io.cascade.engine.user.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda has no right of its own for editing variables or moving tokens: its UPDATE on a process
 * instance covers them, and team operators hold UPDATE because completing an external task and
 * resolving an incident need it. So Cockpit's variable and modification endpoints are kept for
 * system administrators here; everything else in Cockpit is decided by Camunda's authorizations.
 */
class CockpitWriteFilter extends OncePerRequestFilter {

    static final String ENGINE_API = "/camunda/api/engine/";
    private static final Set<String> ADMIN_ONLY_SEGMENTS = Set.of("variables", "localVariables", "modification");

    private final Users users;

    CockpitWriteFilter(Users users) {
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || !request.getRequestURI().startsWith(ENGINE_API)
                || Arrays.stream(request.getRequestURI().split("/")).noneMatch(ADMIN_ONLY_SEGMENTS::contains);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = cockpitUser(request.getSession(false));
        if (user != null && users.isSystemAdmin(user)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"changing variables or moving tokens in Cockpit is for system administrators\"}");
    }

    private static String cockpitUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine("default");
        return authentication == null ? null : authentication.getName();
    }
}
