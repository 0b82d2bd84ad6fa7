package io.cascade.engine.execution;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How a team's (or a project's) automations did over a range: executions per bucket by status,
 * the share of finished among ended executions, delivery latency (event accepted until the
 * receiver's successful answer) and what fails most. Rates and latencies are null without data.
 */
public record Overview(String range, String bucket, OffsetDateTime from, List<Bucket> buckets, Double successRate,
                       Long latencyP50Ms, Long latencyP95Ms, List<Failing> failingAutomations,
                       List<Failing> failingWebhooks, List<DisabledWebhook> disabledWebhooks) {

    /** Executions created in [start, start + one bucket), by their status now. */
    public record Bucket(OffsetDateTime start, long pending, long running, long finished, long failed) {
    }

    /** An automation (with its id) or a webhook (id null) and how many of its executions failed. */
    public record Failing(UUID id, String name, long failed, long total) {
    }

    /** A webhook Cascade stopped calling, why, and since when. */
    public record DisabledWebhook(String name, String reason, OffsetDateTime since) {
    }
}
