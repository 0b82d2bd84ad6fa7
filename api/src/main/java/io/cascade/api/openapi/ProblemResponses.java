package io.cascade.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the RFC 9457 problem responses each operation can answer with, which controllers do not
 * declare: they come from the exception handler, the security filters and the request size limit.
 */
class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    /** Endpoints every signed-in user may call, whatever their teams. */
    private static final Set<String> OPEN_TO_ALL = Set.of("/api/v1/me", "/api/v1/csrf", "/api/v1/payload-templates",
            "/api/v1/teams");

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> addTo(path, method, operation)));
    }

    private static void addTo(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean changes = method != PathItem.HttpMethod.GET;
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (hasInput) {
            add(responses, "400", "Invalid request; the problem's field names the offending field");
        }
        add(responses, "401", "Not signed in");
        if (!OPEN_TO_ALL.contains(path) || changes) {
            add(responses, "403", "The caller's role does not allow this");
        }
        if (path.contains("{")) {
            add(responses, "404", "Not found, or in a team the caller is not a member of");
        }
        if (changes) {
            add(responses, "409", "Conflicts with the current state (a name taken, a run in flight)");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "413", "The body is larger than cascade.api.max-body-bytes");
        }
        if (path.contains("/automations/{id}") && (method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE)) {
            add(responses, "503", "Events still starting executions held the change back; see Retry-After");
        }
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .properties(Map.of(
                        "type", new StringSchema().example("about:blank"),
                        "title", new StringSchema().example("Invalid request"),
                        "status", new IntegerSchema().example(400),
                        "detail", new StringSchema().description("a sentence a person can act on"),
                        "instance", new StringSchema(),
                        "field", new StringSchema().description("the request field or parameter at fault, when there is one")))
                .addRequiredItem("status").addRequiredItem("title");
    }
}
