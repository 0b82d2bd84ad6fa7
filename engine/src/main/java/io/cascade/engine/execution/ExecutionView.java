package io.cascade.engine.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.common.UrlOrigin;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One execution as history shows it: what fired, what was sent, and every attempt. */
public record ExecutionView(UUID id, String team, String project, String status, AutomationRef automation,
                            EventRef event, ActionRef action, int attemptCount, List<Attempt> attempts,
                            String agent, JsonNode result, String lastError, String processInstanceId,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** This execution as a run of a queue: one not yet picked up by an agent reads QUEUED. */
    ExecutionView asRun() {
        if (!ExecutionStatus.PENDING.name().equals(status)) {
            return this;
        }
        return new ExecutionView(id, team, project, RunStatus.QUEUED.name(), automation, event, action, attemptCount,
                attempts, agent, result, lastError, processInstanceId, createdAt, updatedAt);
    }

    /** This execution as a reader who is not a team admin sees it: the webhook URL cut to its origin. */
    public ExecutionView withUrlOriginOnly() {
        return new ExecutionView(id, team, project, status, automation, event, action.withUrlOriginOnly(), attemptCount,
                attempts, agent, result, lastError, processInstanceId, createdAt, updatedAt);
    }

    public record AutomationRef(UUID id, String name) {
    }

    /** {@code author} is what the client said; {@code submittedBy} the account that sent the event. */
    public record EventRef(String id, String type, String author, String submittedBy, String collection, String alias,
                           Map<String, Object> artifact, OffsetDateTime createdAt) {
    }

    /**
     * The action as it ran. Webhooks: name, URL and the payload with secrets masked. Launches: job,
     * version, queue, destination project and the config with overrides merged in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionRef(String type, String webhook, String url, String payload, String job, String jobVersion,
                            String queue, String destinationProject, JsonNode config) {

        ActionRef withUrlOriginOnly() {
            return new ActionRef(type, webhook, UrlOrigin.of(url), payload, job, jobVersion, queue, destinationProject,
                    config);
        }
    }
}
