package io.cascade.api.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionPoolCheckTest {

    @Test
    void aPoolNoLargerThanTheJobExecutorIsRefused() {
        assertThatThrownBy(() -> ConnectionPoolCheck.check(10, 10, 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.hikari.maximum-pool-size (10)")
                .hasMessageContaining("camunda.bpm.job-execution.max-pool-size (10)");
    }

    @Test
    void aPoolNoLargerThanTheJobAndWebhookThreadsIsRefused() {
        assertThatThrownBy(() -> ConnectionPoolCheck.check(18, 10, 8, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cascade.webhooks.worker-threads (8)");
    }

    @Test
    void aPoolNoLargerThanAllThreadsWithTheInboxIsRefused() {
        assertThatThrownBy(() -> ConnectionPoolCheck.check(20, 10, 8, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cascade.events.inbox.threads (2)");
    }

    @Test
    void aPoolLargerThanTheJobExecutorIsAccepted() {
        assertThatCode(() -> ConnectionPoolCheck.check(30, 10, 8, 2)).doesNotThrowAnyException();
    }
}
