package io.cascade.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attempts recorded as started together leave what each would leave started alone: the attempt
 * counted with its own number and start time, the run RUNNING, and the overview's counts moved from
 * pending to running once; a group naming a run that is gone records nothing.
 */
class StartedTogetherIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private ExecutionRecorder recorder;
    @Autowired
    private JdbcClient jdbc;

    StartedTogetherIntegrationTest() throws Exception {
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void eachAttemptOfTheGroupIsCountedAsIfStartedAlone() {
        TeamFixture team = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        worker.pause();
        UUID first = UUID.fromString(team.fire("alice"));
        UUID second = UUID.fromString(team.fire("bob"));
        recorder.started(second, OffsetDateTime.now()); // an earlier attempt of the second run
        OffsetDateTime at = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, OffsetDateTime> attempts = new LinkedHashMap<>();
        attempts.put(first, at);
        attempts.put(second, at.plusSeconds(1));

        Map<UUID, Integer> numbers = recorder.startedAll(attempts);

        assertThat(numbers).containsExactlyInAnyOrderEntriesOf(Map.of(first, 1, second, 2));
        assertThat(status(first)).isEqualTo("RUNNING");
        assertThat(jdbc.sql("select number from execution_attempts where execution_id = ? order by number")
                .param(second).query(Integer.class).list()).containsExactly(1, 2);
        assertThat(jdbc.sql("select started_at from execution_attempts where execution_id = ?").param(first)
                .query(OffsetDateTime.class).single()).isEqualTo(at);
        // the team's overview counts both runs running, none pending (folded or not)
        JsonNode buckets = team.get("/api/v1/teams/" + team.name() + "/overview?range=24h").get("buckets");
        assertThat(List.of(sum(buckets, "pending"), sum(buckets, "running"))).containsExactly(0L, 2L);
    }

    @Test
    void aGroupNamingARunThatIsGoneRecordsNothing() {
        TeamFixture team = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        worker.pause();
        UUID present = UUID.fromString(team.fire("alice"));
        Map<UUID, OffsetDateTime> attempts = new LinkedHashMap<>();
        attempts.put(present, OffsetDateTime.now());
        attempts.put(UUID.randomUUID(), OffsetDateTime.now());

        assertThatThrownBy(() -> recorder.startedAll(attempts)).isInstanceOf(EmptyResultDataAccessException.class);

        assertThat(status(present)).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from execution_attempts where execution_id = ?").param(present)
                .query(Integer.class).single()).isZero();
    }

    private String status(UUID execution) {
        return jdbc.sql("select status from executions where id = ?").param(execution).query(String.class).single();
    }

    private static long sum(JsonNode buckets, String field) {
        long sum = 0;
        for (JsonNode bucket : buckets) {
            sum += bucket.get(field).asLong();
        }
        return sum;
    }
}
