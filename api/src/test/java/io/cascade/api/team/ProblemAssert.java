package io.cascade.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Checks an error answer: an RFC 9457 problem detail with the status, a sentence, and the field when one is named. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static void assertProblem(ResponseEntity<JsonNode> answer, HttpStatus status, String field) {
        assertThat(answer.getStatusCode()).isEqualTo(status);
        MediaType contentType = answer.getHeaders().getContentType();
        assertThat(contentType.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)).as("%s", contentType).isTrue();
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(answer.getBody().get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(answer.getBody().get("field").asText()).isEqualTo(field);
        }
    }
}
