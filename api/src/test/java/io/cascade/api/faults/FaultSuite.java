package io.cascade.api.faults;

import io.cascade.api.faults.RecordingReceiver.Mode;
import io.cascade.api.faults.RecordingReceiver.Received;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The fault suite (issue 17): its own PostgreSQL, the packaged server as separate processes, a
 * recording webhook receiver and a retrying load client; seven scenarios at a steady event rate,
 * each counted from the outside (HTTP answers, the receiver's log, SQL on Cascade's own tables);
 * the report goes to docs/reliability.md. Run by {@code scripts/fault-suite.sh}.
 *
 * <p>Arguments, all optional, as name=value: {@code rate} (events/s, 25), {@code only} (scenario
 * numbers, e.g. {@code 1,5b}), {@code scale} (multiplies every scenario time, 1; for trying the
 * suite out), {@code report} (docs/reliability.md), {@code jar} (api/target/cascade.jar), {@code work}
 * (target/fault-suite), {@code pg-bin} (/usr/lib/postgresql/15/bin), {@code pg-user} (postgres: the OS user
 * PostgreSQL runs as when the suite runs as root), {@code prefer} (a Prefer header sent with every
 * event, e.g. {@code respond-async}: accepted = committed to the inbox), {@code node-args} (extra
 * server arguments, separated by ";"), {@code max-minutes} (40: the whole run stops after that).
 */
public final class FaultSuite {

    /** Short waits between attempts so the receiver outages end within the run; the shipped default starts 5s, 5m. */
    static final String RETRY_SCHEDULE = "PT5S,PT10S,PT20S,PT30S,PT30S,PT60S,PT60S,PT60S,PT60S";
    private static final String ADMIN = "faults";
    private static final String PASSWORD = "fault-suite-password";
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(180);

    private final Map<String, String> settings;
    private final double rate;
    private final double scale;
    private final Path work;
    private final LocalPostgres postgres;
    private final CascadeTables tables;
    private final RecordingReceiver receiver;
    private final List<CascadeNode> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private FaultSuite(Map<String, String> settings) throws IOException {
        this.settings = settings;
        this.rate = Double.parseDouble(settings.getOrDefault("rate", "25"));
        this.scale = Double.parseDouble(settings.getOrDefault("scale", "1"));
        this.work = Path.of(settings.getOrDefault("work", "target/fault-suite")).toAbsolutePath();
        Files.createDirectories(work.resolve("logs"));
        this.postgres = new LocalPostgres(Path.of(settings.getOrDefault("pg-bin", "/usr/lib/postgresql/15/bin")), work,
                freePort(), settings.getOrDefault("pg-user", "postgres"));
        this.tables = new CascadeTables(postgres, "cascade");
        this.receiver = new RecordingReceiver(20);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value: " + arg);
            }
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        FaultSuite suite = new FaultSuite(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::cleanUp, "fault-suite-cleanup"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(Long.parseLong(settings.getOrDefault("max-minutes", "40"))).toMillis());
                System.err.println("The fault suite ran past max-minutes: stopping it.");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fault-suite-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = 1;
        try {
            status = suite.run();
        } finally {
            suite.cleanUp();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.currentTimeMillis();
        System.out.println("PostgreSQL of its own in " + work.resolve("pg"));
        postgres.initialize();
        postgres.start();
        postgres.createDatabase("cascade");
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        Path jar = Path.of(settings.getOrDefault("jar", "api/target/cascade.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build it with ./mvnw -B package -DskipTests");
        }
        for (String name : List.of("node-1", "node-2")) {
            nodes.add(new CascadeNode(name, jar, freePort(), work.resolve("logs"), Map.of(
                    "SPRING_PROFILES_ACTIVE", "postgres",
                    "CASCADE_DB_URL", postgres.jdbcUrl("cascade"),
                    "CASCADE_DB_USER", "postgres", "CASCADE_DB_PASSWORD", "",
                    "CASCADE_ADMIN_USER", ADMIN, "CASCADE_ADMIN_PASSWORD", PASSWORD,
                    "CASCADE_SECRET_KEY", key), nodeArguments()));
        }
        System.out.println("Starting node-1 (" + jar + ")");
        node(1).start();
        node(1).awaitHealthy(Duration.ofMinutes(4));

        List<ScenarioResult> results = new ArrayList<>();
        Set<String> only = settings.containsKey("only") ? Set.of(settings.get("only").split(",")) : null;
        for (Scenario scenario : scenarios()) {
            if (only == null || only.contains(scenario.number())) {
                results.add(run(scenario));
            }
        }
        double minutes = (System.currentTimeMillis() - started) / 60_000.0;
        String report = new ReliabilityReport(results, rate, scale, minutes, postgres.version(), settings)
                .markdown();
        Path out = Path.of(settings.getOrDefault("report", "docs/reliability.md")).toAbsolutePath();
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Report written to " + out);
        return 0;
    }

    private List<String> nodeArguments() {
        List<String> arguments = new ArrayList<>(List.of("--cascade.webhooks.allowed-cidrs=127.0.0.0/8",
                "--cascade.webhooks.retry-schedule=" + RETRY_SCHEDULE, "--spring.main.banner-mode=off"));
        String extra = settings.getOrDefault("node-args", "").trim();
        if (!extra.isEmpty()) {
            arguments.addAll(List.of(extra.split(";")));
        }
        return arguments;
    }

    private CascadeNode node(int number) {
        return nodes.get(number - 1);
    }

    private List<Scenario> scenarios() {
        return List.of(
                new Scenario("1", "Baseline", "none", "end of the load", false, 45, false, t -> { }),
                new Scenario("2", "Node killed mid-load, restarted", "kill -9 of the only node at t=20 s, restarted at once",
                        "kill", true, 75, false, t -> {
                            t.at(20);
                            node(1).kill();
                            t.faultFrom("node-1 killed (kill -9)", true);
                            t.reference("reference: the kill");
                            node(1).start();
                            node(1).awaitHealthy(Duration.ofMinutes(4));
                            t.faultUntil("node-1 restarted and healthy");
                        }),
                new Scenario("3", "Receiver refuses connections for 60 s", "receiver's port closed from t=15 s to t=75 s",
                        "receiver back", false, 90, false, t -> {
                            t.at(15);
                            receiver.mode(Mode.REFUSE_CONNECTIONS);
                            t.note("receiver refuses connections");
                            t.at(75);
                            receiver.mode(Mode.ACCEPT);
                            t.reference("receiver accepts again (reference)");
                        }),
                new Scenario("4", "Receiver answers 503 for 30 s, then 503 with Retry-After for 30 s",
                        "503 from t=15 s, 503 + Retry-After: " + receiver.retryAfterSeconds() + " from t=45 s, 200 from t=75 s",
                        "receiver back", false, 90, false, t -> {
                            t.at(15);
                            receiver.mode(Mode.ANSWER_503);
                            t.note("receiver answers 503");
                            t.at(45);
                            receiver.mode(Mode.ANSWER_503_RETRY_AFTER);
                            t.note("receiver answers 503 with Retry-After: " + receiver.retryAfterSeconds());
                            t.at(75);
                            receiver.mode(Mode.ACCEPT);
                            t.reference("receiver answers 200 again (reference)");
                        }),
                new Scenario("5a", "PostgreSQL restarted mid-load", "pg_ctl stop -m fast, then start, at t=20 s",
                        "database back", true, 60, false, t -> {
                            t.at(20);
                            t.faultFrom("PostgreSQL stopping (fast)", true);
                            postgres.stop();
                            t.note("PostgreSQL stopped");
                            postgres.start();
                            t.faultUntil("PostgreSQL accepts connections");
                            t.reference("reference: database back");
                        }),
                new Scenario("5b", "PostgreSQL away for 90 s", "pg_ctl stop -m fast at t=20 s, start at t=110 s",
                        "database back", true, 130, false, t -> {
                            t.at(20);
                            t.faultFrom("PostgreSQL stopping (fast)", true);
                            postgres.stop();
                            t.note("PostgreSQL stopped");
                            t.at(110);
                            postgres.start();
                            t.faultUntil("PostgreSQL accepts connections");
                            t.reference("reference: database back");
                        }),
                new Scenario("6", "Two nodes, one killed", "node-1 and node-2 on one database, round-robin client; kill -9 of node-2 at t=20 s",
                        "kill", true, 75, true, t -> {
                            t.at(20);
                            node(2).kill();
                            t.faultFrom("node-2 killed (kill -9)", false);
                            t.reference("reference: the kill");
                        }));
    }

    private ScenarioResult run(Scenario scenario) throws Exception {
        System.out.printf("%nScenario %s: %s%n", scenario.number(), scenario.title());
        String team = scenario.team();
        receiver.mode(Mode.ACCEPT);
        List<CascadeNode> serving = new ArrayList<>(List.of(node(1)));
        if (scenario.twoNodes()) {
            node(2).start();
            node(2).awaitHealthy(Duration.ofMinutes(4));
            serving.add(node(2));
        }
        setUp(team);
        Thread.sleep(3000); // every node has picked up the new automation (sync-interval 1 s)
        Map<CascadeNode, Long> logStart = new LinkedHashMap<>();
        nodes.forEach(n -> logStart.put(n, n.logBytes()));

        LoadClient client = new LoadClient(serving.stream().map(CascadeNode::baseUrl).toList(), authorization, team, "p",
                "data", team, 512, settings.get("prefer"));
        Timeline timeline = new Timeline(System.currentTimeMillis(), scale);
        List<String> notes = new ArrayList<>();
        String loadBefore = loadAverage();
        Thread fault = new Thread(() -> {
            try {
                scenario.plan().run(timeline);
            } catch (Exception e) {
                notes.add("the fault plan failed: " + e);
                e.printStackTrace();
            }
        }, "fault-plan");
        fault.start();
        Duration load = Duration.ofMillis(Math.round(scenario.loadSeconds() * scale * 1000));
        LoadClient.Outcome outcome;
        try (client) {
            outcome = client.run(rate, load, Duration.ofSeconds(90));
        }
        fault.join(Duration.ofMinutes(5).toMillis());
        timeline.note("load and client retries over: " + outcome.sent() + " sent, " + outcome.accepted().size() + " accepted");
        notes.add("machine load average (1 min) when the load started / ended: " + loadBefore + " / " + loadAverage()
                + " on " + Runtime.getRuntime().availableProcessors() + " cores");
        UUID teamId = tables.team(team).orElseThrow();
        long settleStart = System.currentTimeMillis();
        boolean settled = settle(teamId, outcome.accepted().size());
        double settleSeconds = (System.currentTimeMillis() - settleStart) / 1000.0;
        timeline.note(settled ? "settled" : "did not settle within " + SETTLE_LIMIT.toSeconds() + " s");
        Thread.sleep(2000); // a delivery answered just now is in the receiver's log
        ScenarioResult result = count(scenario, teamId, outcome, timeline, settled, settleSeconds, notes, logStart);
        System.out.printf("  sent %d, accepted %d, executions %d, delivered %d, duplicate deliveries %d, never delivered %d,"
                        + " history mismatches %d, in-flight %.1f s, API unavailable %.1f s; missed: %s%n",
                result.sent(), result.accepted(), result.executions(), result.distinctDeliveries(),
                result.duplicateDeliveries(), result.neverDelivered(), result.historyMismatches(),
                result.inFlightSeconds(), result.maxUnavailableSeconds(), result.missedTargets());
        if (scenario.twoNodes()) {
            node(2).close();
        }
        return result;
    }

    private void setUp(String team) throws IOException, InterruptedException {
        post("/api/v1/teams", "{\"name\":\"" + team + "\"}");
        post("/api/v1/teams/" + team + "/projects", "{\"name\":\"p\"}");
        post("/api/v1/teams/" + team + "/webhooks", "{\"name\":\"sink\",\"url\":\"" + receiver.url(team) + "\"}");
        post("/api/v1/teams/" + team + "/projects/p/automations", """
                {"name":"deliver","enabled":true,"event":{"type":"CREATE_ARTIFACT","collection":"data"},
                 "action":{"type":"GENERIC_WEBHOOK","webhook":"sink","payload":"{\\"v\\":\\"${artifact_version_string}\\"}"}}""");
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(node(1).baseUrl() + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Until every accepted event's executions are FINISHED or FAILED, twice in a row, or the limit. */
    private boolean settle(UUID team, int accepted) throws Exception {
        long end = System.currentTimeMillis() + SETTLE_LIMIT.toMillis();
        int calm = 0;
        while (System.currentTimeMillis() < end) {
            try {
                int[] p = tables.progress(team);
                calm = p[0] >= accepted && p[1] >= p[0] && p[2] == 0 ? calm + 1 : 0;
                if (calm >= 2) {
                    return true;
                }
            } catch (java.sql.SQLException e) {
                calm = 0;
            }
            Thread.sleep(2000);
        }
        return false;
    }

    private ScenarioResult count(Scenario scenario, UUID team, LoadClient.Outcome outcome, Timeline timeline,
                                 boolean settled, double settleSeconds, List<String> notes,
                                 Map<CascadeNode, Long> logStart) throws Exception {
        Map<UUID, String> events = new HashMap<>();
        try (var c = postgres.connect("cascade");
             var s = c.prepareStatement("select id, event_key from events where team_id = ?")) {
            s.setObject(1, team);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    events.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        List<CascadeTables.Execution> executions = tables.executions(team);
        Map<UUID, List<HistoryCheck.Attempt>> attempts = tables.attempts(team);
        List<Received> received = receiver.received(scenario.team());
        Map<String, List<Received>> byWebhookId = received.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.webhookId())));

        Set<String> storedKeys = Set.copyOf(events.values());
        Set<UUID> eventsWithExecution = executions.stream().map(CascadeTables.Execution::eventId).collect(Collectors.toSet());
        int lost = 0;
        for (String id : outcome.accepted()) {
            if (!storedKeys.contains(id)) {
                lost++;
            }
        }
        for (Map.Entry<UUID, String> e : events.entrySet()) {
            if (outcome.accepted().contains(e.getValue()) && !eventsWithExecution.contains(e.getKey())) {
                lost++;
            }
        }
        Map<String, Long> perMatch = executions.stream()
                .collect(Collectors.groupingBy(e -> e.eventId() + "/" + e.automationId(), Collectors.counting()));
        int duplicateExecutions = perMatch.values().stream().mapToInt(n -> (int) (n - 1)).sum();

        int distinct = 0;
        int duplicates = 0;
        int never = 0;
        int mismatches = 0;
        int unknown = 0;
        int attemptCount = 0;
        List<String> examples = new ArrayList<>();
        double inFlight = 0;
        boolean inFlightUndelivered = false;
        long reference = timeline.reference() > 0 ? timeline.reference() : outcome.loadEndMillis();
        Set<String> executionIds = new java.util.HashSet<>();
        for (CascadeTables.Execution execution : executions) {
            String id = execution.id().toString();
            executionIds.add(id);
            List<Received> got = byWebhookId.getOrDefault(id, List.of());
            List<HistoryCheck.Attempt> recorded = attempts.getOrDefault(execution.id(), List.of());
            attemptCount += recorded.size();
            unknown += (int) recorded.stream().filter(HistoryCheck.Attempt::unknown).count();
            long ok = got.stream().filter(Received::delivered).count();
            if (ok > 0) {
                distinct++;
                duplicates += (int) (ok - 1);
            } else {
                never++;
            }
            String why = HistoryCheck.mismatch(execution.status(), recorded, got);
            if (!why.isEmpty()) {
                mismatches++;
                if (examples.size() < 5) {
                    examples.add(id + ": " + why);
                }
            }
            if (execution.createdMillis() <= reference) {
                var first = got.stream().filter(Received::delivered).mapToLong(Received::atMillis).min();
                if (first.isPresent()) {
                    inFlight = Math.max(inFlight, (first.getAsLong() - reference) / 1000.0);
                } else {
                    inFlightUndelivered = true;
                }
            }
        }
        long strays = byWebhookId.keySet().stream().filter(id -> !executionIds.contains(id)).count();
        if (strays > 0) {
            notes.add(strays + " webhook-id(s) reached the receiver that are no execution of the scenario's team");
        }
        notes.addAll(retryAfterNotes(byWebhookId));

        long[] gap = outcome.longestUnavailable();
        double unavailable = (gap[1] - gap[0]) / 1000.0;
        String window = String.format("t=%.1f–%.1f s", (gap[0] - timeline.zero()) / 1000.0, (gap[1] - timeline.zero()) / 1000.0);
        double faultSeconds = timeline.apiFaultSeconds();
        long logBytes = 0;
        int logLines = 0;
        int stackLines = 0;
        for (Map.Entry<CascadeNode, Long> start : logStart.entrySet()) {
            String added = readFrom(start.getKey().log(), start.getValue());
            logBytes += added.getBytes(StandardCharsets.UTF_8).length;
            for (String line : added.split("\n")) {
                if (!line.isBlank()) {
                    logLines++;
                    if (line.startsWith("\tat ") || line.startsWith("Caused by: ")) {
                        stackLines++;
                    }
                }
            }
        }
        notes.add("node log during the scenario: " + logLines + " lines (" + stackLines + " of them stack-trace lines), "
                + logBytes + " bytes");
        notes.add("settling after the load took " + String.format("%.0f s", settleSeconds));
        List<String> all = new ArrayList<>(timeline.events());
        all.addAll(notes);
        return new ScenarioResult(scenario.number(), scenario.title(), scenario.fault(), scenario.reference(),
                scenario.crash(), rate, outcome.sent(), outcome.accepted().size(), events.size(), executions.size(),
                distinct, duplicates, duplicateExecutions, lost, never, mismatches, unknown, received.size(), attemptCount,
                inFlightUndelivered ? Double.NaN : Math.max(0, inFlight), unavailable, window, faultSeconds,
                faultSeconds + 5, outcome.refusals(), logBytes, logLines, settled, settleSeconds, all, examples);
    }

    /** Retries that came sooner than a Retry-After the receiver had asked for. */
    private static List<String> retryAfterNotes(Map<String, List<Received>> byWebhookId) {
        int asked = 0;
        int early = 0;
        for (List<Received> got : byWebhookId.values()) {
            List<Received> ordered = got.stream().sorted(Comparator.comparingLong(Received::atMillis)).toList();
            for (int i = 0; i + 1 < ordered.size(); i++) {
                Received answer = ordered.get(i);
                if (answer.retryAfterSeconds() > 0) {
                    asked++;
                    if (ordered.get(i + 1).atMillis() - answer.atMillis() < answer.retryAfterSeconds() * 1000L - 500) {
                        early++;
                    }
                }
            }
        }
        return asked == 0 ? List.of() : List.of(early + " of " + asked
                + " retries after a 503 with Retry-After came sooner than it asked");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 256L * 1024 * 1024)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private synchronized void cleanUp() {
        for (CascadeNode n : nodes) {
            n.close();
        }
        receiver.close();
        postgres.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String now() {
        return Instant.now().toString();
    }
}
