package io.cascade.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchReadsTest {

    private final BatchReads reads = new BatchReads();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void insideABatchTheSameReadIsMadeOnceAndOthersAreMadeEach() {
        reads.during(() -> {
            assertThat(reads.once("webhook", "ci", this::read)).isEqualTo(1);
            assertThat(reads.once("webhook", "ci", this::read)).isEqualTo(1);
            assertThat(reads.once("webhook", "slack", this::read)).isEqualTo(2);
            assertThat(reads.once("secret names", "ci", this::read)).isEqualTo(3);
            return null;
        });

        assertThat(asked).hasValue(3);
    }

    @Test
    void outsideABatchEveryReadGoesToTheSource() {
        assertThat(reads.once("webhook", "ci", this::read)).isEqualTo(1);
        assertThat(reads.once("webhook", "ci", this::read)).isEqualTo(2);
    }

    @Test
    void aNestedBatchSharesTheOuterOnesAndNothingOutlivesTheOuterOne() {
        reads.during(() -> {
            reads.once("automation", "a", this::read);
            return reads.during(() -> reads.once("automation", "a", this::read));
        });
        assertThat(asked).hasValue(1);

        assertThat(reads.during(() -> reads.once("automation", "a", this::read))).isEqualTo(2);
    }

    @Test
    void anEmptyReadIsRememberedToo() {
        reads.during(() -> {
            Integer first = reads.once("webhook", "gone", () -> {
                asked.incrementAndGet();
                return null;
            });
            Integer again = reads.once("webhook", "gone", this::read);
            assertThat(first).isNull();
            assertThat(again).isNull();
            return null;
        });

        assertThat(asked).hasValue(1);
    }

    @Test
    void eachThreadHasItsOwnBatch() throws Exception {
        reads.during(() -> {
            reads.once("webhook", "ci", this::read);
            return null;
        });
        Thread other = new Thread(() -> reads.once("webhook", "ci", this::read));
        reads.during(() -> {
            reads.once("webhook", "ci", this::read);
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reads.once("webhook", "ci", this::read);
        });

        assertThat(asked).hasValue(3);
    }

    private Integer read() {
        return asked.incrementAndGet();
    }
}
