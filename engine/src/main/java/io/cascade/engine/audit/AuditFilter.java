package io.cascade.engine.audit;

import io.cascade.engine.common.Cursor;
import io.cascade.engine.common.InvalidInputException;
import java.time.OffsetDateTime;

/** Filters of the audit log, every one optional; the cursor is where the previous page ended. */
public record AuditFilter(String resourceType, String action, String actor, OffsetDateTime from, OffsetDateTime to,
                          int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public AuditFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
