package io.cascade.engine.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadRendererTest {

    private final PayloadRenderer renderer = new PayloadRenderer();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void referenceVariablesRenderWithBothSyntaxes() throws Exception {
        String rendered = renderer.render("""
                {"type":"${event_type}","author":"{{event_author}}","version":"${artifact_version}",
                 "string":"${artifact_version_string}","collection":"${artifact_collection_name}",
                 "project":"${project_name}","entity":"${entity_name}","rows":"${artifact_metadata.rows}"}""",
                PayloadVariables.of(event("alice", null)), Map.of());

        JsonNode body = json.readTree(rendered);
        assertThat(body.get("type").asText()).isEqualTo("CREATE_ARTIFACT");
        assertThat(body.get("author").asText()).isEqualTo("alice");
        assertThat(body.get("version").asText()).isEqualTo("wandb-artifact://_id/QXJ0aWZhY3Q6NTE3ODg5ODg3");
        assertThat(body.get("string").asText()).isEqualTo("acme/churn/training-data:v3");
        assertThat(body.get("collection").asText()).isEqualTo("training-data");
        assertThat(body.get("project").asText()).isEqualTo("churn");
        assertThat(body.get("entity").asText()).isEqualTo("acme");
        assertThat(body.get("rows").asText()).isEqualTo("1200");
    }

    @Test
    void aliasEventsNameTheAliasInTheVersionString() throws Exception {
        ArtifactEvent aliased = new ArtifactEvent("e1", EventType.ADD_ARTIFACT_ALIAS, "acme", "churn", "alice",
                "model", new Artifact("id", "v7", "model", Map.of()), "production");

        String rendered = renderer.render("{\"v\":\"${artifact_version_string}\",\"a\":\"${alias}\"}",
                PayloadVariables.of(aliased), Map.of());

        assertThat(json.readTree(rendered).get("v").asText()).isEqualTo("acme/churn/model:production");
        assertThat(json.readTree(rendered).get("a").asText()).isEqualTo("production");
    }

    @Test
    void noEventFieldCanBreakOutOfItsJsonString() throws Exception {
        String attacker = "a\",\"admin\":true,\"x\":\"";
        for (String template : List.of("{\"author\":\"${event_author}\"}", "{\"author\":\"{{{event_author}}}\"}",
                "{\"author\":\"{{&event_author}}\"}")) {
            JsonNode body = json.readTree(renderer.render(template, PayloadVariables.of(event(attacker, null)), Map.of()));

            assertThat(body.get("author").asText()).isEqualTo(attacker);
            assertThat(body.has("admin")).isFalse();
        }
    }

    @Test
    void secretsAreSentButMaskedInTheStoredCopy() {
        String template = "{\"token\":\"${DEPLOY_TOKEN}\"}";
        var variables = PayloadVariables.of(event("alice", null));

        assertThat(renderer.render(template, variables, Map.of("DEPLOY_TOKEN", "t0ps3cret")))
                .isEqualTo("{\"token\":\"t0ps3cret\"}");
        assertThat(renderer.renderMasked(template, variables, List.of("DEPLOY_TOKEN")))
                .isEqualTo("{\"token\":\"" + PayloadRenderer.MASK + "\"}");
    }

    @Test
    void aTemplateThatIsNotJsonIsRefusedWithLineAndColumn() {
        assertThatThrownBy(() -> renderer.validate("action.payload", "{\n  \"a\": ${event_type}\n}",
                PayloadVariables.of(event("alice", null)), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("column")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("action.payload");
    }

    @Test
    void partialsCannotReadFiles() {
        assertThatThrownBy(() -> renderer.validate("action.payload", "{{> /etc/passwd}}",
                PayloadVariables.of(event("alice", null)), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("partials are not supported");
    }

    @Test
    void everyReadyTemplateRendersToValidJson() {
        for (PayloadTemplates.PayloadTemplate template : PayloadTemplates.ALL) {
            renderer.validate(template.id(), template.template(), PayloadVariables.of(event("a\"b", null)), List.of());
        }
        assertThat(PayloadTemplates.ALL).extracting(PayloadTemplates.PayloadTemplate::id)
                .containsExactly("github-repository-dispatch", "microsoft-teams", "slack");
    }

    static ArtifactEvent event(String author, String alias) {
        return new ArtifactEvent("e1", EventType.CREATE_ARTIFACT, "acme", "churn", author, "training-data",
                new Artifact("QXJ0aWZhY3Q6NTE3ODg5ODg3", "v3", "dataset", Map.of("rows", 1200)), alias);
    }
}
