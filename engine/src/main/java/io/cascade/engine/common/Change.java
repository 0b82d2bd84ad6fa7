package io.cascade.engine.common;

import java.util.Objects;
import java.util.UUID;

/**
 * A change to a team's configuration, published as a Spring application event by the service that
 * made it, inside its transaction, so whoever records it commits or rolls back with the change.
 * {@code before} and {@code after} are the resource as it was and is (null when absent); they must
 * never hold a secret value.
 */
public record Change(UUID teamId, String resourceType, String resourceId, String action, Object before,
                     Object after) {

    public Change {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(action, "action");
    }

    public static Change created(UUID teamId, String resourceType, String resourceId, Object after) {
        return new Change(teamId, resourceType, resourceId, "created", null, after);
    }

    public static Change updated(UUID teamId, String resourceType, String resourceId, Object before, Object after) {
        return new Change(teamId, resourceType, resourceId, "updated", before, after);
    }

    public static Change deleted(UUID teamId, String resourceType, String resourceId, Object before) {
        return new Change(teamId, resourceType, resourceId, "deleted", before, null);
    }
}
