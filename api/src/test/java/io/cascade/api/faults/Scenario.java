package io.cascade.api.faults;

/**
 * One fault scenario: events at a steady rate for {@code loadSeconds} while its plan injects the
 * fault. {@code reference} names the instant in-flight deliveries are timed from; {@code crash}
 * says the 90-second in-flight target applies.
 */
record Scenario(String number, String title, String fault, String reference, boolean crash, int loadSeconds,
                boolean twoNodes, Plan plan) {

    /** The fault, run beside the load on a timeline that starts with it. */
    interface Plan {
        void run(Timeline timeline) throws Exception;
    }

    String team() {
        return "s" + number;
    }
}
