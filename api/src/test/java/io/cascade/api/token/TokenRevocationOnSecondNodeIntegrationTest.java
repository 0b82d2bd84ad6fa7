package io.cascade.api.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.SecondNode;
import io.cascade.api.team.TeamFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A token revoked on one node is refused by another node, which had it cached, within the sync
 * interval plus a bound for a busy machine. The second node is another JVM on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRevocationOnSecondNodeIntegrationTest extends ApiIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Value("${cascade.automations.sync-interval}")
    private Duration syncInterval;

    private SecondNode secondNode;

    @BeforeAll
    void startSecondNode() {
        secondNode = SecondNode.start();
    }

    @AfterAll
    void stopSecondNode() {
        secondNode.close();
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherWithinTheSyncInterval() {
        TeamFixture team = TeamFixture.create(admin());
        JsonNode created = admin().post().uri("/api/v1/teams/{t}/tokens", team.name())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "ci", "role", "VIEWER")).retrieve()
                .body(JsonNode.class);
        RestClient onSecondNode = RestClient.builder().baseUrl(secondNode.baseUrl())
                .defaultHeaders(h -> h.setBearerAuth(created.get("value").asText()))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        assertThat(projects(onSecondNode, team)).isEqualTo(HttpStatus.OK);

        admin().delete().uri("/api/v1/teams/{t}/tokens/{id}", team.name(), created.get("token").get("id").asText())
                .retrieve().toBodilessEntity();
        long revoked = System.nanoTime();

        await().atMost(syncInterval.plus(BOUND)).pollInterval(Duration.ofMillis(50))
                .until(() -> projects(onSecondNode, team) == HttpStatus.UNAUTHORIZED);
        System.out.printf("second node: token refused %d ms after its revocation (sync interval %d ms)%n",
                Duration.ofNanos(System.nanoTime() - revoked).toMillis(), syncInterval.toMillis());
    }

    private static HttpStatusCode projects(RestClient client, TeamFixture team) {
        return client.get().uri("/api/v1/teams/{t}/projects", team.name()).retrieve().toBodilessEntity()
                .getStatusCode();
    }
}
