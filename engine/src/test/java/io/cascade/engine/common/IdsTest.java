package io.cascade.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void timeOrderedIdsAreVersion7WithTheStandardVariant() {
        UUID id = Ids.timeOrdered();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void timeOrderedIdsCarryTheMillisecondTheyWereMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = Ids.timeOrdered();
        long after = System.currentTimeMillis();

        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeInLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
        UUID first = Ids.timeOrdered();
        Thread.sleep(2);
        UUID second = Ids.timeOrdered();

        // PostgreSQL orders uuids by their bytes, i.e. as unsigned strings of hex digits
        assertThat(second.toString()).isGreaterThan(first.toString());
    }

    @Test
    void timeOrderedIdsDoNotRepeat() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.timeOrdered());
        }
        assertThat(ids).hasSize(100_000);
    }
}
