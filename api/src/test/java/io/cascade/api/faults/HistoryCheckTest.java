package io.cascade.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.faults.HistoryCheck.Attempt;
import io.cascade.api.faults.RecordingReceiver.Received;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCheckTest {

    private static Received got(int status) {
        return new Received("id", "/s1", 0, status, 0);
    }

    @Test
    void aDeliveryRecordedAsReceivedMatches() {
        assertThat(HistoryCheck.mismatch("FINISHED", List.of(new Attempt(1, 200, false)), List.of(got(200)))).isEmpty();
    }

    @Test
    void anUnknownAttemptMayStandForARequestTheReceiverAnsweredAfterTheNodeDied() {
        assertThat(HistoryCheck.mismatch("FINISHED",
                List.of(new Attempt(1, null, true), new Attempt(2, 200, false)), List.of(got(200), got(200)))).isEmpty();
    }

    @Test
    void anAttemptWithoutStatusMayStandForARequestThatNeverArrived() {
        assertThat(HistoryCheck.mismatch("FINISHED",
                List.of(new Attempt(1, null, false), new Attempt(2, 200, false)), List.of(got(200)))).isEmpty();
    }

    @Test
    void aRequestTheHistoryDoesNotCountIsAMismatch() {
        assertThat(HistoryCheck.mismatch("FINISHED", List.of(new Attempt(1, 200, false)), List.of(got(200), got(200))))
                .contains("does not count");
    }

    @Test
    void anAnswerTheReceiverNeverGaveIsAMismatch() {
        assertThat(HistoryCheck.mismatch("FINISHED", List.of(new Attempt(1, 503, false), new Attempt(2, 200, false)),
                List.of(got(200)))).contains("answered 503");
    }

    @Test
    void aStatusThatContradictsTheReceiverIsAMismatch() {
        assertThat(HistoryCheck.mismatch("RUNNING", List.of(new Attempt(1, 200, false)), List.of(got(200))))
                .contains("status RUNNING");
        assertThat(HistoryCheck.mismatch("FINISHED", List.of(new Attempt(1, null, true)), List.of()))
                .contains("never answered 2xx");
    }
}
