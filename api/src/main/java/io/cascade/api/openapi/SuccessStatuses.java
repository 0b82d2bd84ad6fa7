package io.cascade.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The success statuses controllers set through ResponseEntity, which springdoc cannot see and
 * documents as 200: creations answer 201, deletions 204, work accepted for later 202.
 */
class SuccessStatuses implements OpenApiCustomizer {

    /** Operations that answer other than by the naming rule below: operation id to statuses and their meaning. */
    private static final Map<String, Map<String, String>> EXCEPTIONS = Map.of(
            "eventSubmit", Map.of("202", "Accepted", "200", "An event with this id was accepted before: its answer"),
            "executionRedeliver", Map.of("202", "Accepted: a new delivery has started"),
            "secretPut", Map.of("201", "Created", "200", "Replaced (rotated)"));

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(SuccessStatuses::apply));
    }

    private static void apply(Operation operation) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses.get("200");
        if (ok == null) {
            return;
        }
        Map<String, String> statuses = statuses(operation.getOperationId());
        if (statuses.containsKey("200") && statuses.size() == 1) {
            return;
        }
        responses.remove("200");
        statuses.forEach((status, description) -> responses.addApiResponse(status, status.equals("204")
                ? new ApiResponse().description(description)
                : new ApiResponse().description(description).content(ok.getContent())));
    }

    private static Map<String, String> statuses(String operationId) {
        if (EXCEPTIONS.containsKey(operationId)) {
            return EXCEPTIONS.get(operationId);
        }
        if (operationId.contains("Create") || operationId.contains("AddVersion")) {
            return Map.of("201", "Created");
        }
        if (operationId.endsWith("Delete")) {
            return Map.of("204", "Deleted");
        }
        return Map.of("200", "OK");
    }
}
