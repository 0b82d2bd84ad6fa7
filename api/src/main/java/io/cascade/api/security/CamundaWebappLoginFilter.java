package io.cascade.api.security;

import io.cascade.engine.user.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit, Admin and Tasklist run with Camunda authorization off, so whoever signs in there can
 * do anything (including making themselves a system administrator). Only system administrators
 * may sign in; team accounts use Cascade's API and frontend.
 */
class CamundaWebappLoginFilter extends OncePerRequestFilter {

    private final Users users;

    CamundaWebappLoginFilter(Users users) {
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && request.getRequestURI().startsWith("/camunda/api/admin/auth/user/")
                && request.getRequestURI().contains("/login/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = request.getParameter("username");
        if (username != null && users.exists(username) && users.isSystemAdmin(username)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Cockpit is for system administrators; team accounts use Cascade's own pages\"}");
    }
}
