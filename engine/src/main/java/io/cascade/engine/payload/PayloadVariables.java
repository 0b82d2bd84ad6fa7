package io.cascade.engine.payload;

import io.cascade.engine.event.ArtifactEvent;
import java.util.HashMap;
import java.util.Map;

/** The variables a payload template sees, named exactly as in the reference product. */
public final class PayloadVariables {

    private PayloadVariables() {
    }

    public static Map<String, Object> of(ArtifactEvent event) {
        Map<String, Object> variables = new HashMap<>();
        String aliasOrVersion = event.alias() != null ? event.alias() : event.artifact().version();
        variables.put("event_type", event.type().name());
        variables.put("event_author", event.author());
        variables.put("artifact_version", "wandb-artifact://_id/" + nullToEmpty(event.artifact().id()));
        variables.put("artifact_version_string",
                event.entity() + "/" + event.project() + "/" + event.collection() + ":" + aliasOrVersion);
        variables.put("artifact_collection_name", event.collection());
        variables.put("project_name", event.project());
        variables.put("entity_name", event.entity());
        variables.put("alias", event.alias());
        variables.put("artifact_metadata", event.artifact().metadata());
        return variables;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
