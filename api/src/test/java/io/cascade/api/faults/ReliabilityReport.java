package io.cascade.api.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** docs/reliability.md: the suite's numbers against the targets, how it ran, how to read it. */
final class ReliabilityReport {

    private final List<ScenarioResult> results;
    private final double rate;
    private final double scale;
    private final double minutes;
    private final String postgresVersion;
    private final Map<String, String> settings;

    ReliabilityReport(List<ScenarioResult> results, double rate, double scale, double minutes, String postgresVersion,
                      Map<String, String> settings) {
        this.results = results;
        this.rate = rate;
        this.scale = scale;
        this.minutes = minutes;
        this.postgresVersion = postgresVersion;
        this.settings = settings;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Reliability: the fault suite

                <!-- Written by scripts/fault-suite.sh (io.cascade.api.faults.FaultSuite); run it again rather than editing. -->

                What happens to accepted events when a node is killed, the receiver is down or PostgreSQL goes
                away, measured from the outside: HTTP answers to the load client, the requests the receiver saw,
                and SQL on Cascade's own tables (`events`, `executions`, `execution_attempts`).

                ```
                scripts/fault-suite.sh
                ```

                It takes about 20 minutes and stops by itself (a run is cut off after 40 minutes); on Ctrl-C or a
                failure it stops every process it started. It needs JDK 17 and Debian's PostgreSQL 15 binaries
                (`/usr/lib/postgresql/15/bin`, `initdb` and `pg_ctl`; another directory with `pg-bin=`) and
                builds `api/target/cascade.jar` first (`./mvnw -B package -DskipTests`) unless told `--no-build`.
                Not part of `./mvnw verify`.

                """);
        md.append("## Last run\n\n");
        md.append("- ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(", commit `").append(command("git", "rev-parse", "--short", "HEAD")).append("`, ")
                .append(String.format("%.1f minutes", minutes)).append(scale == 1 ? "" : ", times scaled by " + scale)
                .append(settings.containsKey("node-args") ? ", server arguments `" + settings.get("node-args") + "`" : "")
                .append('\n');
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- ").append(postgresVersion.isBlank() ? "PostgreSQL" : "PostgreSQL " + postgresVersion)
                .append(" of the suite's own (fsync off), ")
                .append("Java ").append(System.getProperty("java.version")).append('\n');
        md.append(String.format("- Load: %.0f events/s per scenario, one automation per event (one webhook delivery each)%s%n%n",
                rate, settings.containsKey("prefer") ? "; every event sent with `Prefer: " + settings.get("prefer")
                        + "` (accepted = committed to the inbox, matched after the answer)" : ""));

        md.append("## Results\n\n");
        md.append("| # | scenario | events sent | accepted | executions | distinct deliveries | duplicate deliveries "
                + "| duplicate executions | never delivered | history ≠ receiver | in-flight finished after | "
                + "max API unavailable (target) | targets |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            List<String> missed = r.missedTargets();
            md.append("| ").append(r.number()).append(" | ").append(r.title())
                    .append(" | ").append(r.sent()).append(" | ").append(r.accepted())
                    .append(" | ").append(r.executions()).append(" | ").append(r.distinctDeliveries())
                    .append(" | ").append(r.duplicateDeliveries()).append(" | ").append(r.duplicateExecutions())
                    .append(" | ").append(r.neverDelivered() + r.lost()).append(" | ").append(r.historyMismatches())
                    .append(" | ").append(Double.isNaN(r.inFlightSeconds()) ? "never" : String.format("%.0f s", r.inFlightSeconds()))
                    .append(" (").append(r.reference()).append(r.crash() ? "; ≤ 90 s" : "").append(")")
                    .append(" | ").append(String.format("%.1f s (≤ %.1f s)", r.maxUnavailableSeconds(), r.unavailabilityTarget()))
                    .append(" | ").append(missed.isEmpty() ? "met" : "**missed: " + String.join(", ", missed) + "**")
                    .append(" |\n");
        }
        md.append("""

                Targets: 0 lost (accepted events without an execution, and executions never delivered: column
                "never delivered" counts both), 0 duplicate executions, history matching the receiver in every
                scenario, every in-flight delivery finished ≤ 90 s after a crash (scenarios 2, 5a, 5b, 6), and the API
                unavailable ≤ the outage of what it depends on + 5 s (the node's own restart in 2, PostgreSQL's
                outage in 5a/5b; 0 in the others: a receiver outage, or one of two nodes, must not take the API away).

                """);

        md.append("## Targets missed in this run\n\n");
        boolean any = false;
        for (ScenarioResult r : results) {
            for (String missed : r.missedTargets()) {
                any = true;
                md.append("- ").append(r.number()).append(' ').append(r.title()).append(": ").append(missed)
                        .append(" — ").append(detail(r, missed)).append('\n');
            }
        }
        md.append(any ? "\n" : "Every target was met.\n\n");

        md.append("## Scenarios\n\n");
        for (ScenarioResult r : results) {
            md.append("### ").append(r.number()).append(". ").append(r.title()).append("\n\n");
            md.append("Fault: ").append(r.fault()).append(".\n\n");
            md.append(String.format("- API: longest time without an accepted answer %.1f s (%s), fault kept the API's "
                            + "dependencies away %.1f s; answers that were not an acceptance: %s%n",
                    r.maxUnavailableSeconds(), r.unavailableWindow(), r.faultSeconds(),
                    r.refusals().isEmpty() ? "none" : r.refusals().entrySet().stream()
                            .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))));
            md.append(String.format("- Stored: %d events, %d executions, %d attempts (%d UNKNOWN); the receiver saw %d requests%n",
                    r.eventsStored(), r.executions(), r.attempts(), r.unknownAttempts(), r.receiverRequests()));
            md.append(String.format("- Lost (accepted, no execution): %d; executions never delivered: %d%n", r.lost(),
                    r.neverDelivered()));
            for (String note : r.notes()) {
                md.append("- ").append(note).append('\n');
            }
            for (String example : r.mismatchExamples()) {
                md.append("- history ≠ receiver: ").append(example).append('\n');
            }
            md.append('\n');
        }

        md.append("""
                ## How to read each column

                - **events sent**: distinct client event ids the load client sent at least once. The client sends at
                  a steady rate and sends an event again, with the same id, until it is accepted: after 1 s on a
                  connection error or an error status, after `Retry-After` (at most 5 s) when the answer has one.
                  With two nodes it alternates between them request by request, so a retry goes to the other node.
                - **accepted**: event ids answered `202` (or `200`, an id already accepted) at least once.
                - **executions**: rows in `executions` of the scenario's team (one automation, so one per event).
                - **distinct deliveries**: executions whose `webhook-id` the receiver answered with 2xx at least once.
                - **duplicate deliveries**: 2xx answers beyond the first for the same `webhook-id`: a delivery the
                  receiver got twice (at least once delivery; receivers drop them by `webhook-id`).
                - **duplicate executions**: executions beyond the first for the same event and automation.
                - **never delivered**: accepted events with no stored event or no execution, plus executions the
                  receiver never answered with 2xx, once the scenario settled.
                - **history ≠ receiver**: executions whose attempts in `execution_attempts` do not tell what the
                  receiver saw. Each attempt with a response status must match a request the receiver answered with
                  that status (no more such attempts than answers); each request the receiver saw must be counted:
                  those not matched by an attempt of the same status must be covered by attempts without a status
                  (outcome UNKNOWN: recorded as started, no answer recorded, e.g. the node died; or failed without an
                  answer, e.g. a timeout). An attempt without a status may also stand for a request that never
                  arrived (connection refused, a node killed before sending), so those are not counted against it.
                  And the execution is `FINISHED` exactly when the receiver answered 2xx.
                - **in-flight finished after**: from the reference instant (the kill; PostgreSQL accepting
                  connections again; the receiver answering 200 again; the end of the load for the baseline) until
                  the receiver's first 2xx for the last execution created before that instant; 0 when all were
                  delivered before it, "never" when one was not.
                - **max API unavailable**: the longest stretch with no accepted answer while events were being sent
                  (between two consecutive accepted answers, by the time the answer came). At the event rate above
                  the normal stretch is tens of milliseconds. The target is the outage of what the API depends on,
                  measured by the suite (the restarted node's kill → healthy, PostgreSQL's stop → accepting
                  connections), plus 5 s.

                ## How it runs

                - A PostgreSQL of its own: `initdb` into `target/fault-suite/pg`, a free port on 127.0.0.1,
                  stopped with `pg_ctl stop -m fast` for the database faults; nothing else on the machine uses it.
                - The server as shipped: `java -Xmx512m -jar api/target/cascade.jar`, profile `postgres`, as separate
                  processes (`kill -9` is `Process.destroyForcibly`), with `cascade.webhooks.allowed-cidrs=127.0.0.0/8`
                  so it may call the local receiver, and a shorter retry schedule,
                  `cascade.webhooks.retry-schedule=""" + FaultSuite.RETRY_SCHEDULE + """
                `, so that deliveries failed during a
                  60-second receiver outage are retried within the run (the shipped schedule waits 5 s, then 5 min).
                  Every other setting is the shipped default (job lock time 60 s, Hikari's 30 s connection timeout
                  unless the run's server arguments above say otherwise). Logs: `target/fault-suite/logs/`.
                - A receiver on 127.0.0.1 that records every request (webhook-id, time, the status it answered)
                  and, on command, closes its port (connections refused) or answers 503, with or without `Retry-After`.
                - Each scenario has its own team, webhook path and event ids on the same database and nodes; it
                  starts once the previous one has settled. After the load, the client retries for up to 90 s, then
                  the scenario waits (up to 180 s) until every execution is `FINISHED` or `FAILED` before counting.
                """);
        return md.toString();
    }

    private static String detail(ScenarioResult r, String missed) {
        if (missed.startsWith("in-flight")) {
            return String.format("the last in-flight delivery finished %.0f s after the %s", r.inFlightSeconds(), r.reference());
        }
        if (missed.startsWith("API")) {
            return String.format("%.1f s without an accepted answer (%s), target ≤ %.1f s", r.maxUnavailableSeconds(),
                    r.unavailableWindow(), r.unavailabilityTarget());
        }
        if (missed.startsWith("lost")) {
            return r.lost() + " accepted event(s) without an execution, " + r.neverDelivered() + " execution(s) never delivered";
        }
        if (missed.startsWith("history")) {
            return r.historyMismatches() + " execution(s); examples in the scenario's section";
        }
        return "see the scenario's section";
    }

    private static String machine() {
        String cpu = "?";
        String memory = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB").orElse("?");
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest of the line still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "; the load average of each scenario is under Scenarios: times scale with it";
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
