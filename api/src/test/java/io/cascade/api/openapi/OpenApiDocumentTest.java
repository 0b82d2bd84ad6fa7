package io.cascade.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cascade.api.ApiIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * frontend/openapi.json is what the frontend generates its API types from, so it must be the
 * document the server publishes. After an API change, rewrite it with
 * {@code ./mvnw -B -pl api -am test -Dtest=OpenApiDocumentTest -Dopenapi.write=true -Dskip.npm
 * -Dsurefire.failIfNoSpecifiedTests=false} and commit it.
 */
class OpenApiDocumentTest extends ApiIntegrationTest {

    private static final Path COMMITTED = Path.of("..", "frontend", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theCommittedDocumentIsTheOneTheServerPublishes() throws IOException {
        String published = stable(admin().get().uri("/v3/api-docs").retrieve().body(JsonNode.class));

        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, published);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertThat(committed)
                .withFailMessage("frontend/openapi.json differs from the server's /v3/api-docs; rewrite it with "
                        + "./mvnw -B -pl api -am test -Dtest=OpenApiDocumentTest -Dopenapi.write=true -Dskip.npm "
                        + "-Dsurefire.failIfNoSpecifiedTests=false "
                        + "and commit it (the frontend's types are generated from it)")
                .isEqualTo(published);
    }

    @Test
    void theDocumentAndSwaggerUiNeedASignedInUser() {
        assertThat(anonymous().get().uri("/v3/api-docs").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous().get().uri("/swagger-ui/index.html").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin().get().uri("/swagger-ui/index.html").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void everyOperationDeclaresItsProblemResponses() {
        JsonNode paths = admin().get().uri("/v3/api-docs").retrieve().body(JsonNode.class).get("paths");

        JsonNode history = paths.get("/api/v1/teams/{team}/executions").get("get").get("responses");
        assertThat(history.fieldNames()).toIterable().contains("200", "400", "401", "403", "404");
        assertThat(history.get("400").get("content").get("application/problem+json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        paths.forEach(item -> item.forEach(operation ->
                assertThat(operation.get("responses").has("401")).isTrue()));
    }

    /** Sorted keys, two-space indent, a final newline: the same text for the same document. */
    private static String stable(JsonNode document) throws IOException {
        return JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
    }
}
