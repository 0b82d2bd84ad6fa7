package io.cascade.api.faults;

import java.util.List;
import java.util.Map;

/**
 * What one scenario counted. Times in seconds; {@code inFlightSeconds} is from the scenario's
 * reference instant (the crash, or the end of the fault) until the last execution created before it
 * was delivered; {@code faultSeconds} is how long the fault kept its part of the system away.
 */
record ScenarioResult(
        String number, String title, String fault, String reference, boolean crash, double rate,
        int sent, int accepted, int eventsStored, int executions,
        int distinctDeliveries, int duplicateDeliveries, int duplicateExecutions,
        int lost, int neverDelivered, int historyMismatches,
        int unknownAttempts, int receiverRequests, int attempts,
        double inFlightSeconds, double maxUnavailableSeconds, String unavailableWindow, double faultSeconds,
        double unavailabilityTarget, Map<String, Integer> refusals, long logBytes, int logLines,
        boolean settled, double settleSeconds, List<String> notes, List<String> mismatchExamples) {

    List<String> missedTargets() {
        List<String> missed = new java.util.ArrayList<>();
        if (lost > 0 || neverDelivered > 0) {
            missed.add("lost/never delivered");
        }
        if (duplicateExecutions > 0) {
            missed.add("duplicate executions");
        }
        if (historyMismatches > 0) {
            missed.add("history ≠ receiver");
        }
        if (crash && inFlightSeconds > 90) {
            missed.add("in-flight > 90 s");
        }
        if (maxUnavailableSeconds > unavailabilityTarget) {
            missed.add("API unavailable > target");
        }
        if (!settled) {
            missed.add("did not settle");
        }
        return missed;
    }
}
