package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.ApiIntegrationTest;
import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Deliveries in flight on a crashed node resume within a minute, yet a slow attempt is never taken over:
 * the delivery task's lock (cascade.webhooks.lock-duration), and the job lock of Camunda's other jobs.
 */
class JobLockTimeIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private ProcessEngineConfigurationImpl engine;
    @Value("${cascade.webhooks.connect-timeout}")
    private Duration connectTimeout;
    @Value("${cascade.webhooks.request-timeout}")
    private Duration requestTimeout;
    @Value("${cascade.webhooks.lock-duration}")
    private Duration deliveryLock;

    @Test
    void aJobIsLockedForAMinuteAtLeastThreeTimesTheLongestAttempt() {
        int lockMillis = engine.getJobExecutor().getLockTimeInMillis();

        assertThat(lockMillis).isEqualTo(60_000);
        assertThat((long) lockMillis).isGreaterThanOrEqualTo(3 * connectTimeout.plus(requestTimeout).toMillis());
    }

    @Test
    void aWebhookDeliveryTaskIsLockedForAMinuteAtLeastThreeTimesTheLongestAttempt() {
        assertThat(deliveryLock).isEqualTo(Duration.ofSeconds(60));
        assertThat(deliveryLock.toMillis()).isGreaterThanOrEqualTo(3 * connectTimeout.plus(requestTimeout).toMillis());
    }
}
