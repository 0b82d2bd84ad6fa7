package io.cascade.engine.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentPlacesTest {

    private final AtomicLong now = new AtomicLong();
    private final RecentPlaces<String> places = new RecentPlaces<>(Duration.ofSeconds(1), now::get);

    @Test
    void aReadIsUsedAgainWithinTheTtlOnlyAndForTheSameNamesOnly() {
        places.put("alice", "acme", "churn", "read at 0", places.generation());

        now.set(Duration.ofMillis(1000).toNanos());
        assertThat(places.get("alice", "acme", "churn")).isEqualTo("read at 0");
        assertThat(places.get("bob", "acme", "churn")).isNull();
        assertThat(places.get("alice", "acme", "other")).isNull();
        assertThat(places.get("alice", "other", "churn")).isNull();

        now.set(Duration.ofMillis(1001).toNanos());
        assertThat(places.get("alice", "acme", "churn")).as("older than the ttl").isNull();
    }

    @Test
    void clearForgetsEveryRead() {
        places.put("alice", "acme", "churn", "a", places.generation());
        places.put("bob", "acme", "churn", "b", places.generation());

        places.clear();

        assertThat(places.get("alice", "acme", "churn")).isNull();
        assertThat(places.get("bob", "acme", "churn")).isNull();
    }

    @Test
    void whatAReadBegunBeforeAClearFoundIsNotKept() {
        long readFrom = places.generation();
        places.clear(); // the membership changed while the read ran

        places.put("alice", "acme", "churn", "role from before the change", readFrom);

        assertThat(places.get("alice", "acme", "churn")).isNull();
        places.put("alice", "acme", "churn", "read after it", places.generation());
        assertThat(places.get("alice", "acme", "churn")).isEqualTo("read after it");
    }

    @Test
    void namesFromRequestsCannotGrowItWithoutBound() {
        for (int i = 0; i < 25_000; i++) {
            places.put("user-" + i, "acme", "churn", "read " + i, places.generation());
        }

        assertThat(places.get("user-24999", "acme", "churn")).isEqualTo("read 24999");
        assertThat(places.get("user-0", "acme", "churn")).as("dropped when the bound was reached").isNull();
    }
}
