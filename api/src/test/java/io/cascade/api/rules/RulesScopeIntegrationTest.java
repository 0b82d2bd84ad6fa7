package io.cascade.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.trigger.RuleCompiler;
import io.cascade.engine.trigger.RuleFile;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.TriggerMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * GET /api/v1/rules names left-out automations only to their own teams, and the last errors only to
 * system administrators. A designer's rule here throws on automations whose name starts with this
 * test's own prefix (the database outlives a test run, so the name is unique to it).
 */
class RulesScopeIntegrationTest extends ApiIntegrationTest {

    private static final String THROWS_ON_EXPLODING_NAMES = """
            package cascade.custom;
            import io.cascade.engine.trigger.AutomationFact;
            rule "Exploding names"
            when
                AutomationFact( name != null && name.startsWith("%s") && name.charAt(500) == 'x' )
            then
            end
            """;

    @Autowired
    private TriggerMatcher matcher;
    @Autowired
    private RuleLoader rules;

    @Test
    void othersSeeTheFilesAndOnlyTheirOwnTeamsLeftOutAutomations() throws Exception {
        TeamFixture acme = TeamFixture.create(admin());
        TeamFixture globex = TeamFixture.create(admin());
        String acmeMember = acme.member("MEMBER");
        String outsider = TeamFixture.user(admin(), "outsider");
        String globexToken = admin().post().uri("/api/v1/teams/{t}/tokens", globex.name())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "dash", "role", "VIEWER")).retrieve()
                .body(JsonNode.class).get("value").asText();
        String exploding = unique("explode");
        matcher.replaceRules(RuleCompiler.compile(shippedRulesAnd(
                new RuleFile("exploding.drl", "test", THROWS_ON_EXPLODING_NAMES.formatted(exploding)))));
        try {
            String acmeId = explodingAutomation(acme, exploding);
            String globexId = explodingAutomation(globex, exploding);

            JsonNode all = rules(admin());
            assertThat(all.get("leftOut").findValuesAsText("id")).contains(acmeId, globexId);
            assertThat(all.get("lastRuleFailure").asText()).contains("Exploding names");

            JsonNode member = rules(as(acmeMember, TeamFixture.password(acmeMember)));
            assertThat(member.get("files").findValuesAsText("name")).contains("triggers.drl");
            assertThat(member.get("leftOut").findValuesAsText("id")).contains(acmeId).doesNotContain(globexId);
            assertThat(member.get("lastRuleFailure").isNull()).isTrue();
            assertThat(member.get("lastError").isNull()).isTrue();
            assertThat(rules(as(outsider, TeamFixture.password(outsider))).get("leftOut")).isEmpty();
            JsonNode token = rules(RestClient.builder().baseUrl(baseUrl())
                    .defaultHeaders(h -> h.setBearerAuth(globexToken)).build());
            assertThat(token.get("leftOut").findValuesAsText("id")).contains(globexId).doesNotContain(acmeId);
        } finally {
            matcher.replaceRules(rules.loadAll());
        }
        assertThat(rules(admin()).get("leftOut")).isEmpty();
    }

    private String explodingAutomation(TeamFixture team, String name) {
        team.webhook("ci", "https://ci.example.com/hook");
        return team.automation(TeamFixture.onNewVersion(name, TeamFixture.COLLECTION, "ci"));
    }

    private static JsonNode rules(RestClient client) {
        return client.get().uri("/api/v1/rules").retrieve().body(JsonNode.class);
    }

    private static List<RuleFile> shippedRulesAnd(RuleFile extra) throws Exception {
        List<RuleFile> files = new ArrayList<>();
        for (Resource drl : new PathMatchingResourcePatternResolver().getResources("classpath*:cascade/rules/*.drl")) {
            files.add(new RuleFile(drl.getFilename(), "classpath", drl.getContentAsString(StandardCharsets.UTF_8)));
        }
        files.add(extra);
        return files;
    }
}
