package io.cascade.api.execution;

import static io.cascade.api.execution.HistoryRows.minutesAgo;
import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class HistoryIntegrationTest extends ApiIntegrationTest {

    private static final UUID RETRAIN = UUID.randomUUID();
    private static final UUID NOTIFY = UUID.randomUUID();
    private static final UUID LAUNCH = UUID.randomUUID();

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private TeamFixture acme;
    private String team;
    private String viewer;
    private UUID retrainFailed;
    private UUID notifyAlias;
    private UUID launchPending;
    private UUID oldest;

    /** Five executions in two projects, newest first: launchPending, notifyAlias, retrainFailed, retrainFinished, oldest. */
    @BeforeEach
    void history() {
        acme = TeamFixture.create(admin());
        acme.project("vision");
        team = acme.name();
        viewer = acme.member("VIEWER");
        HistoryRows rows = new HistoryRows(dataSource, team);
        oldest = rows.insert(new HistoryRows.Row("churn", RETRAIN, "retrain", "GENERIC_WEBHOOK", "ci", "FINISHED",
                "CREATE_ARTIFACT", "training-data", "alice", "v1", null, minutesAgo(50), 200, 120L));
        rows.insert(new HistoryRows.Row("churn", RETRAIN, "retrain", "GENERIC_WEBHOOK", "ci", "FINISHED",
                "CREATE_ARTIFACT", "training-data", "bob", "v2", null, minutesAgo(40), 204, 80L));
        retrainFailed = rows.insert(new HistoryRows.Row("churn", RETRAIN, "retrain", "GENERIC_WEBHOOK", "ci",
                "FAILED", "CREATE_ARTIFACT", "Training-Data", "carol", "v3", null, minutesAgo(30), 500, null));
        notifyAlias = rows.insert(new HistoryRows.Row("churn", NOTIFY, "notify", "GENERIC_WEBHOOK", "slack",
                "FINISHED", "ADD_ARTIFACT_ALIAS", "eval-data", "Alice", "v3", "production", minutesAgo(20), 200, 50L));
        launchPending = rows.insert(new HistoryRows.Row("vision", LAUNCH, "evaluate", "QUEUE_JOB", "eval-job",
                "PENDING", "LINK_ARTIFACT", "models", "dave", "v7", null, minutesAgo(10), null, null));
    }

    @Test
    void theTeamsHistoryListsEveryProjectNewestFirstWithWhatFiredAndHowItWent() {
        JsonNode page = list("");

        assertThat(ids(page)).hasSize(5).startsWith(launchPending.toString(), notifyAlias.toString(),
                retrainFailed.toString()).endsWith(oldest.toString());
        JsonNode alias = page.get("items").get(1);
        assertThat(alias.get("project").asText()).isEqualTo("churn");
        assertThat(alias.get("automation").get("id").asText()).isEqualTo(NOTIFY.toString());
        assertThat(alias.get("automation").get("name").asText()).isEqualTo("notify");
        assertThat(alias.get("event").get("type").asText()).isEqualTo("ADD_ARTIFACT_ALIAS");
        assertThat(alias.get("event").get("collection").asText()).isEqualTo("eval-data");
        assertThat(alias.get("event").get("version").asText()).isEqualTo("v3");
        assertThat(alias.get("event").get("alias").asText()).isEqualTo("production");
        assertThat(alias.get("event").get("author").asText()).isEqualTo("Alice");
        assertThat(alias.get("action").get("type").asText()).isEqualTo("GENERIC_WEBHOOK");
        assertThat(alias.get("action").get("webhook").asText()).isEqualTo("slack");
        assertThat(alias.get("lastResponseStatus").asInt()).isEqualTo(200);
        assertThat(alias.get("attemptCount").asInt()).isEqualTo(1);
        JsonNode launch = page.get("items").get(0);
        assertThat(launch.get("project").asText()).isEqualTo("vision");
        assertThat(launch.get("action").get("job").asText()).isEqualTo("eval-job");
        assertThat(launch.get("action").get("jobVersion").asText()).isEqualTo("v1");
        assertThat(launch.get("action").get("queue").asText()).isEqualTo("gpu");
        assertThat(launch.get("status").asText()).isEqualTo("PENDING");
        JsonNode failed = page.get("items").get(2);
        assertThat(failed.get("lastError").asText()).isEqualTo("receiver answered 500");
        assertThat(failed.get("lastResponseStatus").asInt()).isEqualTo(500);
    }

    @Test
    void filtersNarrowTheListAndCombine() {
        assertThat(ids(list("?project=vision"))).containsExactly(launchPending.toString());
        assertThat(ids(list("?automation=" + RETRAIN))).hasSize(3);
        assertThat(ids(list("?status=FAILED"))).containsExactly(retrainFailed.toString());
        assertThat(ids(list("?status=PENDING"))).containsExactly(launchPending.toString());
        assertThat(ids(list("?eventType=ADD_ARTIFACT_ALIAS"))).containsExactly(notifyAlias.toString());
        assertThat(ids(list("?from=" + minutesAgo(35) + "&to=" + minutesAgo(15))))
                .containsExactly(notifyAlias.toString(), retrainFailed.toString());
        assertThat(ids(list("?automation=" + RETRAIN + "&status=FINISHED&eventType=CREATE_ARTIFACT&project=churn")))
                .hasSize(2).contains(oldest.toString());
        assertThat(ids(project("churn", "?status=FINISHED&automation=" + NOTIFY))).containsExactly(notifyAlias.toString());
        assertThat(ids(project("vision", "?status=FAILED"))).isEmpty();
    }

    @Test
    void freeTextMatchesTheStartOfTheCollectionOrTheAuthorInAnyCase() {
        assertThat(ids(list("?q=TRAIN"))).hasSize(3);
        assertThat(ids(list("?q=ali"))).containsExactly(notifyAlias.toString(), oldest.toString());
        assertThat(ids(list("?q=ali&status=FINISHED&eventType=CREATE_ARTIFACT"))).containsExactly(oldest.toString());
        assertThat(ids(list("?q=data"))).as("a prefix, not a substring").isEmpty();
        assertThat(ids(list("?q=%25"))).as("%% is a character, not a wildcard").isEmpty();
        assertThat(ids(list("?q=t_aining"))).as("_ is a character, not a wildcard").isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        JsonNode page = list("?limit=2");
        seen.addAll(ids(page));
        while (!page.get("nextCursor").isNull()) {
            page = list("?limit=2&cursor=" + page.get("nextCursor").asText());
            seen.addAll(ids(page));
        }
        assertThat(seen).isEqualTo(ids(list("")));

        JsonNode filtered = list("?limit=1&automation=" + RETRAIN);
        JsonNode next = list("?limit=1&automation=" + RETRAIN + "&cursor=" + filtered.get("nextCursor").asText());
        assertThat(ids(filtered)).containsExactly(retrainFailed.toString());
        assertThat(ids(next)).hasSize(1).doesNotContain(retrainFailed.toString());
    }

    @Test
    void aViewerReadsTheHistoryWithWebhookUrlsCutToTheirOrigin() {
        ResponseEntity<JsonNode> answer = as(viewer, TeamFixture.password(viewer)).get().uri("/api/v1/teams/{t}/executions", team)
                .retrieve().toEntity(JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode webhook = answer.getBody().get("items").get(1).get("action");
        assertThat(webhook.get("url").asText()).isEqualTo("https://hooks.example.com");
        assertThat(list("").get("items").get(1).get("action").get("url").asText())
                .as("a system administrator sees it whole").isEqualTo("https://hooks.example.com/services/T1/B2");
    }

    @Test
    void anotherTeamsHistoryIsNotFound() {
        String outsider = TeamFixture.create(admin()).member("ADMIN");

        for (String uri : List.of("/api/v1/teams/{t}/executions", "/api/v1/teams/{t}/projects/churn/executions")) {
            ResponseEntity<JsonNode> answer = as(outsider, TeamFixture.password(outsider)).get().uri(uri, team).retrieve()
                    .toEntity(JsonNode.class);
            assertProblem(answer, HttpStatus.NOT_FOUND, null);
            assertThat(answer.getBody().toString()).doesNotContain("retrain");
        }
        assertProblem(get("?project=no-such-project"), HttpStatus.NOT_FOUND, null);
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameter() {
        Map<String, String> bad = Map.of(
                "?status=DONE", "status",
                "?eventType=CREATED", "eventType",
                "?automation=retrain", "automation",
                "?from=yesterday", "from",
                "?to=2026-13-01T00:00:00Z", "to",
                "?limit=0", "limit",
                "?limit=201", "limit",
                "?cursor=not-a-cursor", "cursor",
                "?q=" + "x".repeat(129), "q",
                "?from=" + minutesAgo(10) + "&to=" + minutesAgo(20), "to");
        bad.forEach((query, field) -> assertProblem(get(query), HttpStatus.BAD_REQUEST, field));
    }

    private ResponseEntity<JsonNode> get(String query) {
        // already encoded: %25 must reach the server as a percent sign
        return as(ADMIN_USER, ADMIN_PASSWORD).get().uri(URI.create(baseUrl() + "/api/v1/teams/" + team + "/executions"
                + query)).retrieve().toEntity(JsonNode.class);
    }

    private JsonNode list(String query) {
        ResponseEntity<JsonNode> answer = get(query);
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private JsonNode project(String project, String query) {
        return admin().get().uri("/api/v1/teams/" + team + "/projects/" + project + "/executions" + query)
                .retrieve().body(JsonNode.class);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
