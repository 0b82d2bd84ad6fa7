package io.cascade.engine.execution;

import io.cascade.engine.common.UrlOrigin;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of history: what fired, what it did and how it went. {@code nextAttemptAt} is set
 * while a retry is scheduled; {@code lastResponseStatus} is the receiver's last HTTP status.
 */
public record HistoryItem(UUID id, OffsetDateTime time, String project, String status,
                          ExecutionView.AutomationRef automation, Event event, Action action, int attemptCount,
                          OffsetDateTime nextAttemptAt, Integer lastResponseStatus, String lastError,
                          String processInstanceId) {

    HistoryItem withUrlOriginOnly() {
        return new HistoryItem(id, time, project, status, automation, event, action.withUrlOriginOnly(), attemptCount,
                nextAttemptAt, lastResponseStatus, lastError, processInstanceId);
    }

    HistoryItem withProgress(String shownStatus, OffsetDateTime nextAttempt) {
        return new HistoryItem(id, time, project, shownStatus, automation, event, action, attemptCount, nextAttempt,
                lastResponseStatus, lastError, processInstanceId);
    }

    /** The triggering event: its type, the collection, the artifact version, the alias (alias events) and who. */
    public record Event(String type, String collection, String version, String alias, String author) {
    }

    /** Webhooks: the webhook's name and URL. Launches: job, version and queue. */
    public record Action(String type, String webhook, String url, String job, String jobVersion, String queue) {

        Action withUrlOriginOnly() {
            return new Action(type, webhook, UrlOrigin.of(url), job, jobVersion, queue);
        }
    }
}
