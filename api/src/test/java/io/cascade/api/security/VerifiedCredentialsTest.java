package io.cascade.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final AtomicLong now = new AtomicLong();
    private final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofSeconds(1), now::get);

    @Test
    void anAcceptedPairIsKnownWithItsRoleWithinTheInterval() {
        verified.accepted("alice", "s3cret", true);
        now.addAndGet(Duration.ofMillis(900).toNanos());

        assertThat(verified.systemAdmin("alice", "s3cret")).contains(true);
    }

    @Test
    void anAcceptedPairIsAskedAgainOnceTheIntervalHasPassed() {
        verified.accepted("alice", "s3cret", false);
        now.addAndGet(Duration.ofMillis(1001).toNanos());

        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();
    }

    @Test
    void whileOneRequestChecksThePairAgainTheOthersGoOnWithWhatWasKnown() {
        verified.accepted("alice", "s3cret", true);
        now.addAndGet(Duration.ofMillis(1001).toNanos());

        assertThat(verified.systemAdmin("alice", "s3cret")).as("the first request checks again").isEmpty();
        assertThat(verified.systemAdmin("alice", "s3cret")).contains(true);
        assertThat(verified.systemAdmin("alice", "s3cret")).contains(true);
    }

    @Test
    void theCheckAcceptedAgainStartsAnotherInterval() {
        verified.accepted("alice", "s3cret", false);
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();

        verified.accepted("alice", "s3cret", true);
        now.addAndGet(Duration.ofMillis(900).toNanos());
        assertThat(verified.systemAdmin("alice", "s3cret")).contains(true);

        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(verified.systemAdmin("alice", "s3cret")).as("the next interval's first request").isEmpty();
    }

    @Test
    void aPairWhoseCheckWasRefusedIsCheckedByEveryRequest() {
        verified.accepted("alice", "s3cret", true);
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();

        verified.forget("alice", "s3cret");

        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();
        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();
    }

    @Test
    void nothingGoesOnWithWhatWasKnownMoreThanTwoIntervalsAgo() {
        verified.accepted("alice", "s3cret", true);
        now.addAndGet(Duration.ofMillis(2001).toNanos());

        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();
        assertThat(verified.systemAdmin("alice", "s3cret")).isEmpty();
    }

    @Test
    void anotherPasswordOrAnotherUserIsNeverTakenForTheAcceptedPair() {
        verified.accepted("alice", "s3cret", true);

        assertThat(verified.systemAdmin("alice", "s3cret ")).isEmpty();
        assertThat(verified.systemAdmin("alice", "")).isEmpty();
        assertThat(verified.systemAdmin("bob", "s3cret")).isEmpty();
        assertThat(verified.systemAdmin("alices", "3cret")).isEmpty();
    }

    @Test
    void twoProcessesDoNotShareDigestsSoNothingKeptCanBeCheckedElsewhere() {
        VerifiedCredentials other = new VerifiedCredentials(Duration.ofSeconds(1), now::get);
        verified.accepted("alice", "s3cret", true);

        assertThat(other.systemAdmin("alice", "s3cret")).isEmpty();
    }
}
