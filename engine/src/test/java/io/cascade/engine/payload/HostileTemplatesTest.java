package io.cascade.engine.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.mustachejava.MustacheException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Templates written by an attacker: each is refused at save or renders harmlessly, within the render budget. */
class HostileTemplatesTest {

    private static final String SECRET = "Qz7#Vx9!Kp2$Wm4";
    private static final Map<String, String> SECRETS = Map.of("signing", SECRET, "token", SECRET);
    private static final String BIG = "b".repeat(200_000);

    private final PayloadRenderer renderer = new PayloadRenderer();

    @Test
    void theIssuesTemplateSendsNothingOfTheSecret() {
        String template = "{\"low\":\"{{signing.toLowerCase}}\",\"chars\":\"{{#token.toCharArray}}{{.}} {{/token.toCharArray}}\"}";

        assertThat(renderer.render(template, variables(), SECRETS)).isEqualTo("{\"low\":\"\",\"chars\":\"\"}");
    }

    @Test
    void aSecretIsSentWholeWhereTheTemplateNamesIt() {
        assertThat(renderer.render("{\"s\":\"{{signing}}\",\"t\":\"{{#token}}{{.}}{{/token}}\"}", variables(), SECRETS))
                .isEqualTo("{\"s\":\"" + SECRET + "\",\"t\":\"" + SECRET + "\"}");
    }

    @Test
    void theVariablesCannotBeWrittenWholeWithTheSecretsInThem() {
        assertThat(renderer.render("{\"all\":\"{{.}}{{{.}}}{{&.}}\"}", variables(), SECRETS)).isEqualTo("{\"all\":\"\"}");
    }

    @Test
    void sectionsNested250DeepAreRefusedAtSaveNamingTheLimit() {
        String template = "{{#event_type}}".repeat(250) + "{}" + "{{/event_type}}".repeat(250);

        assertThatThrownBy(() -> validate(template))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("action.payload nests sections more than 10 deep (at line 1, column 151); the limit is 10")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("action.payload");
    }

    @Test
    void sectionsNestedToTheLimitAreAccepted() {
        String template = "{{#event_type}}".repeat(TemplateTags.MAX_DEPTH) + "{}" + "{{/event_type}}".repeat(TemplateTags.MAX_DEPTH);

        validate(template);
        assertThat(renderer.render(template, variables(), SECRETS)).isEqualTo("{}");
    }

    @Test
    void aDeliveryWhoseRenderWouldExceedTheOutputLimitFailsNamingTheLimit() {
        String template = "{\"m\":\"" + "{{artifact_metadata.big}}".repeat(10) + "\"}";

        validate(template);
        assertThatThrownBy(() -> renderer.render(template, variables(), SECRETS))
                .isInstanceOf(TemplateRefusedException.class)
                .hasMessage("action.payload renders more than 1048576 characters; the limit is 1048576");
    }

    @Test
    void theBudgetCountsStepsAndRefusesTheOneOverTheLimit() {
        RenderBudget budget = new RenderBudget();
        for (int i = 0; i < RenderBudget.MAX_STEPS; i++) {
            budget.step();
        }

        assertThat(budget.steps()).isEqualTo(RenderBudget.MAX_STEPS);
        assertThatThrownBy(budget::step).isInstanceOf(TemplateRefusedException.class)
                .hasMessageContaining("the limit is " + RenderBudget.MAX_STEPS);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void isRefusedAtSaveOrRendersHarmlessly(String template) {
        Throwable atSave = catchThrowable(() -> validate(template));
        if (atSave != null) {
            assertThat(atSave).as("saving refuses with a problem, nothing else").isInstanceOf(InvalidInputException.class);
        }

        Throwable atSend = catchThrowable(() -> renderer.render(template, variables(), SECRETS));
        if (atSend != null) {
            assertThat(atSend).as("a delivery fails with a clear error").isInstanceOfAny(TemplateRefusedException.class,
                    MustacheException.class);
            if (atSave == null) {
                assertThat(atSend).as("only a limit that a large event reaches fails on send after a save")
                        .hasMessageContaining("the limit is");
            }
            return;
        }
        String sent = renderer.render(template, variables(), SECRETS);
        assertThat(sent.length()).isLessThanOrEqualTo(RenderBudget.MAX_OUTPUT_CHARS);
        assertNoPartOfTheSecret(sent);
    }

    /** Removing every whole occurrence, nothing of the secret is left, in any case or spelled out. */
    private static void assertNoPartOfTheSecret(String sent) {
        String rest = sent.replace(SECRET, "").replaceAll("[\\s,\"'\\[\\]]", "").toLowerCase(Locale.ROOT);
        String secret = SECRET.toLowerCase(Locale.ROOT);
        for (int i = 0; i + 4 <= secret.length(); i++) {
            assertThat(rest).doesNotContain(secret.substring(i, i + 4));
        }
    }

    static Stream<String> hostile() {
        List<String> templates = new ArrayList<>(List.of(
                "{\"low\":\"{{signing.toLowerCase}}\",\"chars\":\"{{#token.toCharArray}}{{.}} {{/token.toCharArray}}\"}",
                "{\"u\":\"{{signing.toUpperCase}}\"}",
                "{\"c\":\"{{signing.class}}{{signing.class.name}}{{signing.class.classLoader}}\"}",
                "{\"c\":\"{{#signing.class.forName}}{{.}}{{/signing.class.forName}}\"}",
                "{\"b\":\"{{#signing.bytes}}{{.}},{{/signing.bytes}}\"}",
                "{\"b\":\"{{signing.bytes}}{{signing.chars}}{{signing.length}}{{signing.hashCode}}\"}",
                "{\"s\":\"{{signing.toString}}{{signing.intern}}{{signing.strip}}{{signing.trim}}\"}",
                "{\"r\":\"{{#token.toCharArray}}{{#token.toCharArray}}{{.}}{{/token.toCharArray}}{{/token.toCharArray}}\"}",
                "{\"r\":\"" + "{{#event_author.toCharArray}}".repeat(6) + "{{token}}" + "{{/event_author.toCharArray}}".repeat(6) + "\"}",
                "{\"r\":\"{{#signing.chars.iterator}}{{.}}{{/signing.chars.iterator}}\"}",
                "{\"m\":\"{{artifact_metadata.size}}{{artifact_metadata.keySet}}{{artifact_metadata.values}}\"}",
                "{\"m\":\"{{#artifact_metadata.entrySet}}{{key}}={{value}}{{/artifact_metadata.entrySet}}\"}",
                "{\"all\":\"{{.}}\"}",
                "{\"all\":\"{{#.}}{{.}}{{/.}}\"}",
                "{\"m\":\"{{#artifact_metadata}}{{.}}{{/artifact_metadata}}\"}",
                "{\"s\":\"{{#signing}}{{toLowerCase}}{{length}}{{bytes}}{{/signing}}\"}",
                "{\"s\":\"{{^signing.isEmpty}}yes{{/signing.isEmpty}}\"}",
                "{{> /etc/passwd}}",
                "{\"p\":\"{{>payload}}\"}",
                "{\"p\":\"{{>*event_author}}\"}",
                "{{<base}}{{$body}}{{signing}}{{/body}}{{/base}}",
                "{\"x\":\"{{$block}}{{signing.toLowerCase}}{{/block}}\"}",
                "{{=<% %>=}}{\"low\":\"<% signing.toLowerCase %>\"}",
                "{{= | | =}}{\"low\":\"|signing.toLowerCase|\"}",
                "{{%IMPLICIT-ITERATOR iterator=i}}{\"i\":\"{{#token.toCharArray}}{{i}}{{/token.toCharArray}}\"}",
                "{{#event_type}}".repeat(250) + "{}" + "{{/event_type}}".repeat(250),
                "{{#signing}}".repeat(11) + "{}" + "{{/signing}}".repeat(11),
                "{{#a}}".repeat(5000) + "{{/a}}".repeat(5000),
                "{\"m\":\"" + "{{artifact_metadata.big}}".repeat(3000) + "\"}",
                "{\"s\":\"" + "{{signing}}".repeat(5000) + "\"}",
                "{\"s\":\"" + "{{#event_type}}{{signing}}{{/event_type}}".repeat(1500) + "\"}",
                "{\"s\":\"{{signing\"}",
                "{{}}",
                "{\"s\":\"{{{signing.toLowerCase}}}{{&signing.toLowerCase}}\"}",
                "{\"s\":\"\\u007b\\u007bsigning.toLowerCase\\u007d\\u007d\"}",
                "{\"s\":\"\uFF5B\uFF5Bsigning.toLowerCase\uFF5D\uFF5D\"}",
                "{\"s\":\"\u007b\u007bsigning.toLowerCase\u007d\u007d\"}",
                "{\"s\":\"${signing.toLowerCase}${token.bytes}\"}",
                "{\"s\":\"{{ signing.toLowerCase }}{{ #token.toCharArray}}\"}",
                "{\"s\":\"{{/event_type}}\"}",
                "{\"s\":\"{{#event_type}}\"}",
                "{\"s\":\"{{signing.}}{{.signing}}{{..}}{{signing..toLowerCase}}\"}",
                "{\"s\":\"{{event_author.repeat}}{{event_author.getBytes}}\"}",
                "{\"n\":\"{{signing\u0000}}{{\u0000signing}}\"}"));
        return templates.stream();
    }

    private void validate(String template) {
        renderer.validate("action.payload", template, PayloadVariables.of(event("sample-author", Map.of())), List.of("signing", "token"));
    }

    private static Map<String, Object> variables() {
        return PayloadVariables.of(event("a".repeat(128), Map.of("big", BIG, "rows", 1200)));
    }

    private static ArtifactEvent event(String author, Map<String, Object> metadata) {
        return new ArtifactEvent("e1", EventType.CREATE_ARTIFACT, "acme", "churn", author, "training-data",
                new Artifact("id", "v3", "dataset", metadata), null);
    }
}
