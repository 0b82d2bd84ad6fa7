package io.cascade.engine.launch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** An immutable configuration of a job: "v0", "v1", … */
public record JobVersion(String version, JsonNode config, OffsetDateTime createdAt) {

    static String name(int number) {
        return "v" + number;
    }
}
