package io.cascade.engine.webhook.delivery;

import io.cascade.engine.camunda.ExternalTaskGroups;
import io.cascade.engine.camunda.LockedTasks;
import io.cascade.engine.camunda.RetrySchedule;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.execution.ExecutionRecorder;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.webhook.ssrf.AddressPolicy;
import io.cascade.engine.webhook.ssrf.SafeHttpClients;
import io.cascade.engine.webhook.ssrf.WebhookUrlValidator;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DeliveryConfiguration {

    static final int MAX_GROUP_SIZE = 1000;

    @Bean
    AddressPolicy addressPolicy(@Value("${cascade.webhooks.allowed-cidrs:}") List<String> allowedCidrs) {
        return new AddressPolicy(allowedCidrs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    @Bean
    WebhookUrlValidator webhookUrlValidator(AddressPolicy policy) {
        return new WebhookUrlValidator(policy);
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(AddressPolicy policy,
                                @Value("${cascade.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
                                @Value("${cascade.webhooks.request-timeout:PT15S}") Duration requestTimeout,
                                @Value("${cascade.webhooks.max-in-flight:256}") int maxInFlight,
                                @Value("${cascade.version:dev}") String version) {
        return new WebhookSender(SafeHttpClients.create(policy, connectTimeout, requestTimeout,
                "Cascade-Webhooks/" + version + " (+https://github.com/cascade-automations/cascade)", maxInFlight));
    }

    @Bean
    DeliveryWorker deliveryWorker(ExternalTaskService externalTasks, LockedTasks lockedTasks, ExternalTaskGroups taskGroups,
                                  ExecutionRecorder recorder, WebhookDelivery delivery, RunLabelsReader labels,
                                  RetrySchedule schedule, IntakePriority intake,
                                  @Value("${cascade.webhooks.max-in-flight:256}") int maxInFlight,
                                  @Value("${cascade.webhooks.worker-threads:2}") int threads,
                                  @Value("${cascade.webhooks.lock-duration:PT60S}") Duration lockDuration,
                                  @Value("${cascade.webhooks.poll-interval:PT0.5S}") Duration pollInterval,
                                  @Value("${cascade.webhooks.max-retry-after:PT1H}") Duration maxRetryAfter,
                                  @Value("${cascade.webhooks.group-size:64}") int groupSize,
                                  @Value("${cascade.webhooks.delivery-paused:false}") boolean paused) {
        if (maxInFlight < 1 || threads < 1 || groupSize < 1) {
            throw new IllegalArgumentException(
                    "cascade.webhooks.max-in-flight, worker-threads and group-size must be at least 1");
        }
        if (groupSize > MAX_GROUP_SIZE) { // a group's statements bind one parameter per run, and hold its rows locked
            throw new IllegalArgumentException("cascade.webhooks.group-size must be at most " + MAX_GROUP_SIZE
                    + ", not " + groupSize);
        }
        return new DeliveryWorker(externalTasks, lockedTasks, taskGroups, recorder, delivery, labels,
                schedule, intake, new DeliveryWorker.Settings(maxInFlight, threads, lockDuration, pollInterval,
                        maxRetryAfter, groupSize, paused));
    }

    @Bean
    RetrySchedule webhookRetrySchedule(@Value("${cascade.webhooks.retry-schedule}") String schedule) {
        return new RetrySchedule(schedule);
    }

    @Bean
    PayloadRenderer payloadRenderer() {
        return new PayloadRenderer();
    }
}
