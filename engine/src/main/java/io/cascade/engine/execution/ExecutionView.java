package io.cascade.engine.execution;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One execution as history shows it: what fired, what was sent, and every attempt. */
public record ExecutionView(UUID id, String team, String project, String status, AutomationRef automation,
                            EventRef event, ActionRef action, int attemptCount, List<Attempt> attempts,
                            String lastError, String processInstanceId, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt) {

    public record AutomationRef(UUID id, String name) {
    }

    public record EventRef(String id, String type, String author, String collection, String alias,
                           Map<String, Object> artifact, OffsetDateTime createdAt) {
    }

    /** The action as it ran; the payload is the stored copy, with secrets masked. */
    public record ActionRef(String type, String webhook, String url, String payload) {
    }
}
