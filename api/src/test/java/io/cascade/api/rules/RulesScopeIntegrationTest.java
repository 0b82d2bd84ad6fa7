package io.cascade.api.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * GET /api/v1/rules names left-out automations only to their own teams, and the last errors only to
 * system administrators. A designer's rule here throws on automations named "explode…".
 */
class RulesScopeIntegrationTest extends ApiIntegrationTest {

    private static final String THROWS_ON_EXPLODING_NAMES = """
            package cascade.custom;
            import io.cascade.engine.trigger.AutomationFact;
            rule "Exploding names"
            when
                AutomationFact( name != null && name.startsWith("explode") && name.charAt(500) == 'x' )
            then
            end
            """;

    @DynamicPropertySource
    static void rulesDirectory(DynamicPropertyRegistry registry) {
        try {
            Path directory = Files.createTempDirectory("cascade-rules");
            Files.writeString(directory.resolve("exploding.drl"), THROWS_ON_EXPLODING_NAMES);
            registry.add("cascade.rules.directory", directory::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void othersSeeTheFilesAndOnlyTheirOwnTeamsLeftOutAutomations() {
        TeamFixture acme = TeamFixture.create(admin());
        TeamFixture globex = TeamFixture.create(admin());
        String acmeMember = acme.member("MEMBER");
        String outsider = TeamFixture.user(admin(), "outsider");
        String acmeId = explodingAutomation(acme);
        String globexId = explodingAutomation(globex);
        String globexToken = admin().post().uri("/api/v1/teams/{t}/tokens", globex.name())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "dash", "role", "VIEWER")).retrieve()
                .body(JsonNode.class).get("value").asText();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                rules(admin()).get("leftOut").findValuesAsText("id").containsAll(List.of(acmeId, globexId)));
        JsonNode all = rules(admin());
        assertThat(all.get("lastRuleFailure").asText()).contains("Exploding names");

        JsonNode member = rules(as(acmeMember, TeamFixture.password(acmeMember)));
        assertThat(member.get("files").findValuesAsText("name")).contains("exploding.drl", "triggers.drl");
        assertThat(member.get("leftOut").findValuesAsText("id")).contains(acmeId).doesNotContain(globexId);
        assertThat(member.get("lastRuleFailure").isNull()).isTrue();
        assertThat(member.get("lastError").isNull()).isTrue();
        assertThat(rules(as(outsider, TeamFixture.password(outsider))).get("leftOut")).isEmpty();
        JsonNode token = rules(RestClient.builder().baseUrl(baseUrl())
                .defaultHeaders(h -> h.setBearerAuth(globexToken)).build());
        assertThat(token.get("leftOut").findValuesAsText("id")).contains(globexId).doesNotContain(acmeId);
    }

    private String explodingAutomation(TeamFixture team) {
        team.webhook("ci", "https://ci.example.com/hook");
        return team.automation(TeamFixture.onNewVersion("explode-now", TeamFixture.COLLECTION, "ci"));
    }

    private static JsonNode rules(RestClient client) {
        return client.get().uri("/api/v1/rules").retrieve().body(JsonNode.class);
    }
}
