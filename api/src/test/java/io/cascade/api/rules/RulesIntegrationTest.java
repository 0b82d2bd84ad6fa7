package io.cascade.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/v1/rules: the rule files serving now. */
class RulesIntegrationTest extends ApiIntegrationTest {

    @Test
    void anySignedInUserSeesTheShippedRuleFiles() {
        String user = TeamFixture.user(admin(), "reader");

        ResponseEntity<JsonNode> answer = as(user, TeamFixture.password(user)).get().uri("/api/v1/rules").retrieve()
                .toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode files = answer.getBody().get("files");
        assertThat(files.findValuesAsText("name")).containsExactly("guards.drl", "triggers.drl");
        assertThat(files.findValuesAsText("origin")).containsOnly("classpath");
        assertThat(answer.getBody().get("loadedAt").asText()).isNotBlank();
        assertThat(answer.getBody().get("lastError").isNull()).isTrue();
    }

    @Test
    void anonymousClientsMustSignIn() {
        ResponseEntity<JsonNode> answer = anonymous().get().uri("/api/v1/rules").retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getBody().has("files")).isFalse();
    }
}
