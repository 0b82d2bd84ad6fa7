package io.cascade.engine.execution;

import io.cascade.engine.common.Cursor;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.event.EventType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Filters of the history lists, every one optional. {@code text} matches the start of the
 * collection or the author, ignoring case; {@code projectId} is null for the whole team.
 */
public record HistoryFilter(UUID projectId, UUID automationId, ExecutionStatus status, EventType eventType,
                            OffsetDateTime from, OffsetDateTime to, String text, int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_TEXT = 128;

    public HistoryFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException("q", "q must be at most " + MAX_TEXT + " characters");
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "to must be after from");
        }
    }

    /** The LIKE pattern for {@code text}: its characters literally, lower case, then anything. */
    String textPrefix() {
        return text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
