package io.cascade.api.execution;

import static io.cascade.api.execution.HistoryRows.minutesAgo;
import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class OverviewIntegrationTest extends ApiIntegrationTest {

    private static final UUID RETRAIN = UUID.randomUUID();
    private static final UUID NOTIFY = UUID.randomUUID();
    private static final UUID LAUNCH = UUID.randomUUID();

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private TeamFixture acme;
    private String team;
    private OffsetDateTime recent;
    private OffsetDateTime disabledSince;

    /**
     * In the last hour: retrain (webhook ci) finished three times in 100, 200 and 1000 ms and failed
     * once; notify (webhook slack) finished in 300 ms and failed once; a launch is pending and one
     * running (project vision). Two days ago: one more finished retrain.
     */
    @BeforeEach
    void dataset() {
        acme = TeamFixture.create(admin());
        acme.project("vision");
        team = acme.name();
        HistoryRows rows = new HistoryRows(dataSource, team);
        recent = minutesAgo(0);
        for (long latency : new long[] {100, 200, 1000}) {
            rows.insert(webhook("churn", RETRAIN, "retrain", "ci", "FINISHED", recent, 200, latency));
        }
        rows.insert(webhook("churn", RETRAIN, "retrain", "ci", "FAILED", recent, 500, null));
        rows.insert(webhook("churn", NOTIFY, "notify", "slack", "FINISHED", recent, 200, 300L));
        rows.insert(webhook("churn", NOTIFY, "notify", "slack", "FAILED", recent, 410, null));
        for (String status : List.of("PENDING", "RUNNING")) {
            rows.insert(new HistoryRows.Row("vision", LAUNCH, "evaluate", "QUEUE_JOB", "eval-job", status,
                    "LINK_ARTIFACT", "models", "dave", "v7", null, recent, null, null));
        }
        rows.insert(webhook("churn", RETRAIN, "retrain", "ci", "FINISHED", minutesAgo(2 * 24 * 60), 200, 5000L));
        disabledSince = minutesAgo(5);
        rows.disabledWebhook("slack-old", "the receiver answered 410 Gone", disabledSince);
    }

    @Test
    void theLast24HoursAreCountedPerHourWithSuccessRateLatencyAndWhatFails() {
        JsonNode overview = overview("?range=24h");

        assertThat(overview.get("bucket").asText()).isEqualTo("hour");
        JsonNode buckets = overview.get("buckets");
        assertThat(buckets).hasSize(24);
        JsonNode hour = startingAt(buckets, recent.truncatedTo(ChronoUnit.HOURS));
        assertThat(List.of(hour.get("pending").asLong(), hour.get("running").asLong(), hour.get("finished").asLong(),
                hour.get("failed").asLong())).containsExactly(1L, 1L, 4L, 2L);
        assertThat(sum(buckets, "finished")).isEqualTo(4);
        assertThat(overview.get("successRate").asDouble()).isCloseTo(4.0 / 6, within(1e-9));
        // percentile_cont over 100, 200, 300, 1000 ms
        assertThat(overview.get("latencyP50Ms").asLong()).isEqualTo(250);
        assertThat(overview.get("latencyP95Ms").asLong()).isEqualTo(895);
        assertThat(overview.get("failingAutomations")).extracting(a -> a.get("name").asText() + " "
                + a.get("failed").asLong() + "/" + a.get("total").asLong()).containsExactly("retrain 1/4", "notify 1/2");
        assertThat(overview.get("failingAutomations").get(0).get("id").asText()).isEqualTo(RETRAIN.toString());
        assertThat(overview.get("failingWebhooks")).extracting(w -> w.get("name").asText() + " "
                + w.get("failed").asLong() + "/" + w.get("total").asLong()).containsExactly("ci 1/4", "slack 1/2");
        JsonNode disabled = overview.get("disabledWebhooks");
        assertThat(disabled).hasSize(1);
        assertThat(disabled.get(0).get("name").asText()).isEqualTo("slack-old");
        assertThat(disabled.get(0).get("reason").asText()).isEqualTo("the receiver answered 410 Gone");
        assertThat(OffsetDateTime.parse(disabled.get(0).get("since").asText()).toInstant())
                .isEqualTo(disabledSince.toInstant());
    }

    @Test
    void longerRangesReachFurtherBackAndThirtyDaysAreCountedPerDay() {
        JsonNode week = overview("?range=7d");
        JsonNode month = overview("?range=30d");

        assertThat(week.get("buckets")).hasSize(168);
        assertThat(sum(week.get("buckets"), "finished")).isEqualTo(5);
        assertThat(month.get("bucket").asText()).isEqualTo("day");
        assertThat(month.get("buckets")).hasSize(30);
        assertThat(startingAt(month.get("buckets"), recent.truncatedTo(ChronoUnit.DAYS)).get("finished").asLong())
                .isEqualTo(4);
        assertThat(sum(month.get("buckets"), "finished")).isEqualTo(5);
        assertThat(month.get("failingAutomations").get(0).get("total").asLong()).isEqualTo(5);
    }

    @Test
    void aProjectsOverviewCountsOnlyItsExecutions() {
        JsonNode vision = overview("?range=24h&project=vision");

        assertThat(sum(vision.get("buckets"), "pending")).isEqualTo(1);
        assertThat(sum(vision.get("buckets"), "finished")).isZero();
        assertThat(vision.get("successRate").isNull()).as("nothing ended").isTrue();
        assertThat(vision.get("latencyP50Ms").isNull()).isTrue();
        assertThat(vision.get("failingAutomations")).isEmpty();
    }

    @Test
    void viewersReadItAndOtherTeamsDoNotFindIt() {
        String viewer = acme.member("VIEWER");
        String outsider = TeamFixture.create(admin()).member("ADMIN");

        ResponseEntity<JsonNode> asViewer = as(viewer, TeamFixture.password(viewer)).get()
                .uri("/api/v1/teams/{t}/overview?range=30d", team).retrieve().toEntity(JsonNode.class);
        ResponseEntity<JsonNode> asOutsider = as(outsider, TeamFixture.password(outsider)).get()
                .uri("/api/v1/teams/{t}/overview?range=30d", team).retrieve().toEntity(JsonNode.class);

        assertThat(asViewer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(sum(asViewer.getBody().get("buckets"), "failed")).isEqualTo(2);
        assertProblem(asOutsider, HttpStatus.NOT_FOUND, null);
        assertThat(asOutsider.getBody().toString()).doesNotContain("retrain");
    }

    @Test
    void anUnknownRangeOrProjectIsRefused() {
        assertProblem(get("?range=1y"), HttpStatus.BAD_REQUEST, "range");
        assertProblem(get("?range=24h&project=nope"), HttpStatus.NOT_FOUND, null);
    }

    private static HistoryRows.Row webhook(String project, UUID automationId, String automation, String webhook,
                                           String status, OffsetDateTime at, int responseStatus, Long latencyMs) {
        return new HistoryRows.Row(project, automationId, automation, "GENERIC_WEBHOOK", webhook, status,
                "CREATE_ARTIFACT", "training-data", "alice", "v1", null, at, responseStatus, latencyMs);
    }

    private static JsonNode startingAt(JsonNode buckets, OffsetDateTime start) {
        for (JsonNode bucket : buckets) {
            if (OffsetDateTime.parse(bucket.get("start").asText()).toInstant().equals(start.toInstant())) {
                return bucket;
            }
        }
        throw new AssertionError("no bucket starts at " + start + " in " + buckets);
    }

    private static long sum(JsonNode buckets, String status) {
        long total = 0;
        for (JsonNode bucket : buckets) {
            total += bucket.get(status).asLong();
        }
        return total;
    }

    private ResponseEntity<JsonNode> get(String query) {
        return as(ADMIN_USER, ADMIN_PASSWORD).get().uri("/api/v1/teams/" + team + "/overview" + query).retrieve()
                .toEntity(JsonNode.class);
    }

    private JsonNode overview(String query) {
        ResponseEntity<JsonNode> answer = get(query);
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }
}
