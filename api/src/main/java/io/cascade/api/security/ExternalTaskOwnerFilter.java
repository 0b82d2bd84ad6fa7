package io.cascade.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda refuses an agent's complete, failure, bpmnError, extendLock or unlock of another team's
 * external task by its tenant check, but answers 500 with a message naming the process instance.
 * Here the agent gets the 404 of a task that does not exist: the task is looked up as the agent
 * (Camunda's authorization and tenant checks apply to the query), and one it cannot see is not there.
 */
class ExternalTaskOwnerFilter extends OncePerRequestFilter {

    private static final Pattern TASK_WRITE = Pattern.compile(
            "/engine-rest/external-task/([^/]+)/(unlock|complete|failure|bpmnError|extendLock)");

    private final ExternalTaskService externalTasks;

    ExternalTaskOwnerFilter(ExternalTaskService externalTasks) {
        this.externalTasks = externalTasks;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !TASK_WRITE.matcher(request.getRequestURI()).matches()
                || CallerArgumentResolver.current().systemAdmin();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher task = TASK_WRITE.matcher(request.getRequestURI());
        if (task.matches() && externalTasks.createExternalTaskQuery().externalTaskId(task.group(1)).count() > 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"external task not found\"}");
    }
}
