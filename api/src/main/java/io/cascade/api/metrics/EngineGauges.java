package io.cascade.api.metrics;

import io.cascade.engine.ingest.EventInbox;
import io.cascade.engine.launch.QueueLoads;
import io.cascade.engine.launch.QueueLoads.QueueLoad;
import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gauges of state held in the database. The job backlog and open incidents are counted by
 * Camunda when scraped (one count query each); queue loads come from one grouped query over live
 * runs every {@code cascade.metrics.queue-refresh}, and are tagged with team and queue for the
 * {@value QueueLoads#MAX_QUEUES} busiest queues only, so the number of series has a bound.
 */
@Component
class EngineGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(EngineGauges.class);

    private final ManagementService management;
    private final RuntimeService runtime;
    private final RuleLoader rules;
    private final QueueLoads queues;
    private final Duration refresh;
    private final DeliveryWorker deliveries;
    private final EventInbox inbox;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "cascade-queue-gauges");
        thread.setDaemon(true);
        return thread;
    });

    EngineGauges(ManagementService management, RuntimeService runtime, RuleLoader rules, QueueLoads queues,
                 DeliveryWorker deliveries, EventInbox inbox,
                 @Value("${cascade.metrics.queue-refresh:PT15S}") Duration refresh) {
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.management = management;
        this.runtime = runtime;
        this.rules = rules;
        this.queues = queues;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cascade.jobs.backlog", management, m -> m.createJobQuery().executable().count())
                .description("Camunda jobs due and not yet run (launch queue timeouts, history cleanup)")
                .register(registry);
        Gauge.builder("cascade.webhooks.in.flight", deliveries, DeliveryWorker::inFlight)
                .description("Webhook deliveries this node holds: being prepared, waiting for the receiver, or recorded")
                .register(registry);
        Gauge.builder("cascade.events.queued", inbox, EventInbox::depth)
                .description("Events accepted with Prefer: respond-async and not matched yet (all nodes)")
                .register(registry);
        Gauge.builder("cascade.incidents.open", runtime, r -> r.createIncidentQuery().count())
                .description("Open Camunda incidents (deliveries and runs whose retries are exhausted)")
                .register(registry);
        FunctionCounter.builder("cascade.rules.reloads", rules, RuleLoader::loads)
                .description("Rule bases compiled since start").register(registry);
        FunctionCounter.builder("cascade.rules.reload.failures", rules, RuleLoader::failures)
                .description("Rule changes rejected since start").register(registry);
        MultiGauge runs = MultiGauge.builder("cascade.launch.runs")
                .description("Launch runs waiting (queued) or held by an agent (running), per queue")
                .register(registry);
        MultiGauge waits = MultiGauge.builder("cascade.launch.queue.oldest.wait")
                .description("How long the oldest waiting run of a queue has waited").baseUnit("seconds")
                .register(registry);
        refresher.scheduleWithFixedDelay(() -> refresh(runs, waits), 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh(MultiGauge runs, MultiGauge waits) {
        try {
            List<QueueLoad> loads = queues.now();
            runs.register(loads.stream().flatMap(l -> List.of(
                    MultiGauge.Row.of(Tags.of("team", l.team(), "queue", l.queue(), "state", "queued"), l.queued()),
                    MultiGauge.Row.of(Tags.of("team", l.team(), "queue", l.queue(), "state", "running"), l.running()))
                    .stream()).toList(), true);
            waits.register(loads.stream().map(l -> MultiGauge.Row.of(Tags.of("team", l.team(), "queue", l.queue()),
                    l.oldestWait().toMillis() / 1000.0)).toList(), true);
        } catch (RuntimeException e) {
            log.warn("Could not refresh the launch queue gauges: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
