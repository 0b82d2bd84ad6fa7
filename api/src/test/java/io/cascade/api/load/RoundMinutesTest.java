package io.cascade.api.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoundMinutesTest {

    private static final long SECOND = 1_000_000_000L;

    /** Send times of an open loop at 2 events/s: event i at i / 2 s. */
    private static long[] twoPerSecond(int events) {
        long[] sentAt = new long[events];
        for (int i = 0; i < events; i++) {
            sentAt[i] = i * SECOND / 2;
        }
        return sentAt;
    }

    @Test
    void eachMinuteCountsTheEventsOfferedInItAndTheWebhooksThatArrivedInIt() {
        // 2 events/s for 90 s: the first minute's events arrive after 1 s, the rest after 40 s
        long[] endToEnd = new long[180];
        Arrays.fill(endToEnd, 0, 120, SECOND);
        Arrays.fill(endToEnd, 120, 180, 40 * SECOND);

        String[] rows = RoundMinutes.table(1, twoPerSecond(180), endToEnd).split("\n");

        // header, separator, and minutes 1-3 (the last arrival is at 129.5 s)
        assertThat(rows).hasSize(5);
        // minute 1: 120 offered; 118 arrived in it (those planned at 59 and 59.5 s arrive at 60 and 60.5 s)
        assertThat(rows[2]).isEqualTo("| 1 | 1 | 120 | 1000 / 1000 | 118 (2) |");
        // minute 2: 60 offered (at 60-89.5 s, arriving at 100-129.5 s): 40 of them arrive in it, with those 2
        assertThat(rows[3]).isEqualTo("| 1 | 2 | 60 | 40000 / 40000 | 42 (1) |");
        assertThat(rows[4]).isEqualTo("| 1 | 3 | 0 |  | 20 (0) |");
    }

    @Test
    void aBatchSentAtOnceCountsInTheMinuteItWasSent() {
        long[] sentAt = {0, 0, 0, 61 * SECOND};
        long[] endToEnd = {SECOND, 2 * SECOND, 125 * SECOND, SECOND};

        String[] rows = RoundMinutes.table(1, sentAt, endToEnd).split("\n");

        assertThat(rows).hasSize(5);
        assertThat(rows[2]).isEqualTo("| 1 | 1 | 3 | 2000 / 125000 | 2 (0) |");
        assertThat(rows[3]).isEqualTo("| 1 | 2 | 1 | 1000 / 1000 | 1 (0) |");
        assertThat(rows[4]).isEqualTo("| 1 | 3 | 0 |  | 1 (0) |");
    }

    @Test
    void minutesAfterTheLastSendShowTheBacklogArrivingAndAnEventThatNeverCameIsNever() {
        long[] endToEnd = new long[180];
        Arrays.fill(endToEnd, 0, 180, 70 * SECOND);
        endToEnd[179] = Long.MAX_VALUE;

        String[] rows = RoundMinutes.table(2, twoPerSecond(180), endToEnd).split("\n");

        // sent over minutes 1-2, arriving 70-159 s: minutes 2 and 3; minute 2's p99 is the one that never came
        assertThat(rows).hasSize(5);
        assertThat(rows[2]).isEqualTo("| 2 | 1 | 120 | 70000 / 70000 | 0 (0) |");
        assertThat(rows[3]).isEqualTo("| 2 | 2 | 60 | 70000 / never | 100 (2) |");
        assertThat(rows[4]).isEqualTo("| 2 | 3 | 0 |  | 79 (1) |");
    }
}
