package io.cascade.engine.execution;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What the overview counts an execution under: its team, hour (UTC epoch hour), project and action. */
record RollupKey(UUID teamId, long hour, UUID projectId, UUID automationId, String automationName,
                 String actionType, String actionName) {

    RollupKey {
        actionName = actionName == null ? "" : actionName;
    }

    /** The UTC epoch hour a run accepted at {@code createdAt} is counted in. */
    static long hourOf(OffsetDateTime createdAt) {
        return Math.floorDiv(createdAt.toEpochSecond(), 3600);
    }
}
