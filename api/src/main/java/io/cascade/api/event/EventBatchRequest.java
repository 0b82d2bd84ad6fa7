package io.cascade.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.ingest.EventBatches;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Up to {@value EventBatches#MAX_EVENTS} events. Each is read on its own (as JSON, then as an event),
 * so one that is malformed is refused alone, naming its field as {@code events[3].collection}.
 */
record EventBatchRequest(
        @ArraySchema(schema = @Schema(implementation = ArtifactEvent.class), minItems = 1,
                maxItems = EventBatches.MAX_EVENTS, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
        List<JsonNode> events) {
}
