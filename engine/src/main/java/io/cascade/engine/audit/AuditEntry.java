package io.cascade.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One recorded change; {@code actorToken} is the API token it was made with, if any. */
public record AuditEntry(UUID id, OffsetDateTime at, String actor, UUID actorToken, String resourceType,
                         String resourceId, String action, JsonNode before, JsonNode after) {
}
