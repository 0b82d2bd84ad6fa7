package io.cascade.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Cascade's own counters and histograms. Each call is an in-memory increment (meters are looked up
 * once and kept), never a query. Tags take values from small fixed sets only (event types, action
 * types, outcomes, status classes, refusal reasons): no team, project or automation, whose number
 * has no bound.
 */
@Component
public class CascadeMetrics {

    /** From a receiver that answers at once to the last of the retry schedule's nine attempts. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(4)};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer deliveryLatency;
    private final DistributionSummary deliveryAttempts;

    CascadeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deliveryLatency = Timer.builder("cascade.delivery.latency")
                .description("From the event accepted to the webhook delivered (2xx)")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.deliveryAttempts = DistributionSummary.builder("cascade.delivery.attempts")
                .description("Attempts a delivery took, counted when it ends (delivered, failed or gone)")
                .serviceLevelObjectives(1, 2, 3, 5, 10)
                .register(registry);
    }

    public void eventAccepted(String type) {
        counter("cascade.events.accepted", "Events accepted (new, not idempotent repeats)", "type", known(type))
                .increment();
    }

    /** {@code reason} is one of a fixed set: invalid, unauthorized, forbidden, not_found, conflict, too_large, … */
    public void eventRefused(String reason) {
        counter("cascade.events.refused", "Events refused", "reason", reason).increment();
    }

    public void matched(int automations) {
        if (automations > 0) {
            counter("cascade.events.matches", "Automations events matched").increment(automations);
        }
    }

    public void executionStarted(String actionType) {
        counter("cascade.executions.started", "Executions started", "action", known(actionType)).increment();
    }

    /**
     * One webhook attempt. When it ends the delivery, the attempts it took are observed, and when it
     * delivered, the time since the event was accepted.
     */
    public void deliveryAttempt(DeliveryOutcome outcome, Integer httpStatus, int attempt, Duration sinceAccepted) {
        counter("cascade.deliveries", "Webhook attempts by outcome and HTTP status class",
                "outcome", outcome.name().toLowerCase(), "status_class", statusClass(httpStatus)).increment();
        if (outcome != DeliveryOutcome.RETRIED) {
            deliveryAttempts.record(attempt);
        }
        if (outcome == DeliveryOutcome.DELIVERED && sinceAccepted != null) {
            deliveryLatency.record(sinceAccepted);
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private static String known(String value) {
        return value == null ? "unknown" : value;
    }

    /** "2xx" … "5xx", or "none" when no answer came (connection error, timeout, refused URL). */
    static String statusClass(Integer httpStatus) {
        return httpStatus == null ? "none" : (httpStatus / 100) + "xx";
    }
}
