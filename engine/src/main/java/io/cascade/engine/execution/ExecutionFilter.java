package io.cascade.engine.execution;

import io.cascade.engine.common.InvalidInputException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Filters of the history list; every one optional. */
public record ExecutionFilter(UUID automationId, ExecutionStatus status, OffsetDateTime from, OffsetDateTime to,
                              int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public ExecutionFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
