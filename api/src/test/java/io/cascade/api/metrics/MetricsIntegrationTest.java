package io.cascade.api.metrics;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** /actuator/prometheus: who may scrape it, and Cascade's meters moving as events flow. */
class MetricsIntegrationTest extends ApiIntegrationTest {

    private static final String SCRAPE_TOKEN = "test-scrape-token";

    private final Receiver receiver = new Receiver();

    MetricsIntegrationTest() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void onlySystemAdministratorsAndTheScrapeTokenMayScrape() {
        TeamFixture team = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");

        assertThat(scrape(as(ADMIN_USER, ADMIN_PASSWORD)).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> scraped = scrape(bearer(SCRAPE_TOKEN));
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraped.getBody()).contains("cascade_jobs_backlog", "cascade_incidents_open",
                "cascade_rules_reloads_total");
        assertThat(value(scraped.getBody(), "cascade_rules_reloads_total")).isGreaterThanOrEqualTo(1);
        assertThat(scrape(as(teamAdmin, TeamFixture.password(teamAdmin))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(scrape(anonymous()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape(bearer("wrong-token")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertProblem(bearer(SCRAPE_TOKEN).get().uri("/api/v1/me").retrieve().toEntity(JsonNode.class),
                HttpStatus.UNAUTHORIZED, null);
    }

    @Test
    void eventsMatchesExecutionsAndDeliveriesAreCounted() {
        receiver.answering(503);
        TeamFixture team = TeamFixture.create(admin());
        team.webhook("ci", receiver.url("/hook"));
        team.automation(TeamFixture.onNewVersion("retrain", TeamFixture.COLLECTION, "ci"));
        String before = scrapeText();

        String id = admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION)).retrieve().body(JsonNode.class)
                .get("executions").get(0).get("id").asText();
        anonymous().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION)).retrieve().toBodilessEntity();
        admin().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "CREATE_ARTIFACT")).retrieve().onStatus(s -> true, (req, res) -> { })
                .toBodilessEntity();
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINISHED".equals(admin().get()
                .uri("/api/v1/executions/{id}", id).retrieve().body(JsonNode.class).get("status").asText()));

        String after = scrapeText();
        assertThat(delta(before, after, "cascade_events_accepted_total", "type=\"CREATE_ARTIFACT\"")).isEqualTo(1);
        assertThat(delta(before, after, "cascade_events_refused_total", "reason=\"unauthorized\"")).isEqualTo(1);
        assertThat(delta(before, after, "cascade_events_refused_total", "reason=\"invalid\"")).isEqualTo(1);
        assertThat(delta(before, after, "cascade_events_matches_total")).isEqualTo(1);
        assertThat(delta(before, after, "cascade_executions_started_total", "action=\"GENERIC_WEBHOOK\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "cascade_deliveries_total", "outcome=\"retried\"", "status_class=\"5xx\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "cascade_deliveries_total", "outcome=\"delivered\"", "status_class=\"2xx\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "cascade_delivery_latency_seconds_count")).isEqualTo(1);
        assertThat(delta(before, after, "cascade_delivery_attempts_sum")).isEqualTo(2);
        assertThat(after).contains("cascade_delivery_latency_seconds_bucket{le=");
    }

    @Test
    void aWaitingLaunchRunShowsInItsQueuesGauges() {
        TeamFixture team = TeamFixture.create(admin());
        post("/api/v1/teams/" + team.name() + "/queues", Map.of("name", "gpu"));
        post("/api/v1/teams/" + team.name() + "/projects/churn/jobs", Map.of("name", "train"));
        post("/api/v1/teams/" + team.name() + "/projects/churn/jobs/train/versions",
                Map.of("config", Map.of("command", "python train.py")));
        post("/api/v1/teams/" + team.name() + "/projects/churn/automations", Map.of("name", "retrain",
                "event", Map.of("type", "CREATE_ARTIFACT", "collection", TeamFixture.COLLECTION),
                "action", Map.of("type", "QUEUE_JOB", "job", "train", "jobVersion", "v0", "queue", "gpu",
                        "destinationProject", "churn")));

        post("/api/v1/events", team.event("CREATE_ARTIFACT", TeamFixture.COLLECTION));

        String queued = "team=\"" + team.name() + "\"";
        await().atMost(Duration.ofSeconds(10)).until(() ->
                value(scrapeText(), "cascade_launch_runs", queued, "queue=\"gpu\"", "state=\"queued\"") == 1);
        assertThat(value(scrapeText(), "cascade_launch_runs", queued, "state=\"running\"")).isZero();
        assertThat(scrapeText()).contains("cascade_launch_queue_oldest_wait_seconds{queue=\"gpu\"," + queued);
    }

    private void post(String uri, Object body) {
        admin().post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    private String scrapeText() {
        return scrape(bearer(SCRAPE_TOKEN)).getBody();
    }

    private ResponseEntity<String> scrape(RestClient client) {
        return client.get().uri("/actuator/prometheus").retrieve().onStatus(s -> true, (req, res) -> { })
                .toEntity(String.class);
    }

    private static double delta(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sum of the samples of the metric whose labels include all the given ones. */
    private static double value(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private RestClient bearer(String token) {
        return RestClient.builder().baseUrl(baseUrl()).defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }
}
