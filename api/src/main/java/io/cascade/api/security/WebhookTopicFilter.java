package io.cascade.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.camunda.ActionProcesses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Webhook deliveries are external tasks too (topic {@link ActionProcesses#WEBHOOK_TOPIC}), taken by
 * Cascade's own delivery worker only: an agent that fetched one would get the run's variables and
 * could complete it undelivered. Over Camunda's REST API (/engine-rest, and the copy Cockpit serves
 * under /camunda/api/engine), whoever calls: fetchAndLock naming the topic is refused with 403, and
 * complete, failure, bpmnError, extendLock, lock and unlock of such a task answer the 404 of a task
 * that does not exist. Setting its retries (Cockpit's retry of the incident) stays allowed.
 */
class WebhookTopicFilter extends OncePerRequestFilter {

    private static final String EXTERNAL_TASK = "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/external-task";
    private static final Pattern FETCH = Pattern.compile(EXTERNAL_TASK + "/fetchAndLock");
    private static final Pattern TASK_WRITE = Pattern.compile(
            EXTERNAL_TASK + "/([^/]+)/(?:unlock|lock|complete|failure|bpmnError|extendLock)");

    private final ExternalTaskService externalTasks;
    private final ObjectMapper json = new ObjectMapper();

    WebhookTopicFilter(ExternalTaskService externalTasks) {
        this.externalTasks = externalTasks;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod())
                || !(FETCH.matcher(path).matches() || TASK_WRITE.matcher(path).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher write = TASK_WRITE.matcher(request.getRequestURI());
        if (write.matches()) {
            if (isWebhookTask(write.group(1))) {
                problem(response, HttpServletResponse.SC_NOT_FOUND, "Not Found", "external task not found");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (namesWebhookTopic(body)) {
            problem(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "topic " + ActionProcesses.WEBHOOK_TOPIC
                    + " is delivered by Cascade itself; agents cannot fetch it");
            return;
        }
        chain.doFilter(new FetchAndLockTenantFilter.BodyRequest(request, body), response);
    }

    /**
     * Looked up with the caller's engine rights where they are set (/engine-rest): a task the caller
     * cannot see gets the same 404 from ExternalTaskOwnerFilter.
     */
    private boolean isWebhookTask(String id) {
        ExternalTask task = externalTasks.createExternalTaskQuery().externalTaskId(id).singleResult();
        return task != null && ActionProcesses.WEBHOOK_TOPIC.equals(task.getTopicName());
    }

    private boolean namesWebhookTopic(byte[] body) {
        JsonNode topics;
        try {
            topics = json.readTree(body).path("topics");
        } catch (IOException | RuntimeException unreadable) {
            return false; // Camunda answers the malformed request itself
        }
        for (JsonNode topic : topics) {
            if (ActionProcesses.WEBHOOK_TOPIC.equals(topic.path("topicName").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
