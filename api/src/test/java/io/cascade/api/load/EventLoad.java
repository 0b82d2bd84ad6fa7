package io.cascade.api.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.CascadeApplication;
import io.cascade.api.team.TeamFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end load: the whole application in this JVM on PostgreSQL, with its shipped settings, a
 * webhook receiver on 127.0.0.1, and concurrent REST clients submitting events that each fire one
 * webhook automation among many. Rounds run one after another on the same database, so a path
 * that grows with history shows as later rounds getting slower. Writes a Markdown report.
 *
 * <p>Three ways to send: closed loop (default: {@code clients} threads, each sending its next event
 * when the previous one is answered), closed loop in batches ({@code batch=500}: each request is a
 * POST /api/v1/events/batch of that many events), and open loop ({@code rate=200 duration=300}:
 * events offered at a fixed rate, each sent at its planned time whatever the answers, latencies
 * measured from that planned time, so a slow answer cannot hide the delay it causes).
 *
 * <p>{@code nodes=2} adds a node in a JVM of its own on the same database (LoadNode), with the same
 * settings, and spreads the clients (or, in open loop, the events) over the nodes; they share the
 * inbox, the jobs and the deliveries through PostgreSQL, as nodes behind a load balancer would.
 *
 * <p>Run with {@code ./mvnw -B -pl api -am -Pload -Dskip.npm process-test-classes} on an empty
 * database (docs/benchmarks.md); {@code -Dload.args="..."} sets {@link Settings}.
 */
public final class EventLoad {

    private static final String COLLECTION = "training-data";
    private static final String[] OTHER_COLLECTIONS = {"eval-data", "features", "labels", "model", "registry"};
    static final String PASSWORD = "load-password";

    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "load-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final String team;
    private String baseUrl;
    private DataSource dataSource;
    /** The nodes that take events: this JVM's application first, then the others (LoadNode). */
    private List<String> nodeUrls = List.of();
    private List<LoadNode> otherNodes = List.of();
    private AtomicLongArray eventsSentTo = new AtomicLongArray(1);
    private final List<RoundCost> costs = new ArrayList<>();
    /** Rounds longer than a minute, minute by minute (RoundMinutes). */
    private final StringBuilder minutes = new StringBuilder();
    /** Why open-loop events were refused: an HTTP status, or the client's exception; counted over all rounds. */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();

    private EventLoad(Settings settings) {
        this(settings, "load-" + Long.toString(System.currentTimeMillis(), 36));
    }

    private EventLoad(Settings settings, String team) {
        this.settings = settings;
        this.team = team;
    }

    /** A load on a running application (see {@link #start}), for a new team that {@link #setUp} creates. */
    static EventLoad on(ConfigurableApplicationContext app, Settings settings) {
        EventLoad load = new EventLoad(settings);
        load.attach(app);
        return load;
    }

    /** The same team and application, sending the way {@code other} says (closed or open loop, its size). */
    EventLoad with(Settings other) {
        EventLoad load = new EventLoad(other, team);
        load.baseUrl = baseUrl;
        load.dataSource = dataSource;
        load.nodeUrls = nodeUrls;
        load.otherNodes = otherNodes;
        load.eventsSentTo = eventsSentTo;
        return load;
    }

    String team() {
        return team;
    }

    private void attach(ConfigurableApplicationContext app) {
        dataSource = app.getBean(DataSource.class);
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        nodeUrls = List.of(baseUrl);
    }

    /** Events go to these nodes too; setup stays on this JVM's node. */
    private void alsoSendTo(List<LoadNode> others) {
        otherNodes = List.copyOf(others);
        List<String> urls = new ArrayList<>(List.of(baseUrl));
        others.forEach(node -> urls.add(node.url()));
        nodeUrls = List.copyOf(urls);
        eventsSentTo = new AtomicLongArray(nodeUrls.size());
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        // One set of properties for every node: they must share the secret key to read each other's secrets.
        Map<String, Object> properties = properties(settings.databaseUrl(), settings.databaseUser(),
                settings.databasePassword(), Map.of());
        List<LoadNode> others = new ArrayList<>();
        try (ConfigurableApplicationContext app = start(properties); LoadReceiver receiver = new LoadReceiver()) {
            for (int node = 2; node <= settings.nodes(); node++) {
                others.add(LoadNode.start(node, properties));
            }
            EventLoad load = on(app, settings);
            load.alsoSendTo(others);
            String report = load.run(receiver);
            Files.createDirectories(settings.report().getParent());
            Files.writeString(settings.report(), report);
            System.out.println(report);
            System.out.println("Report written to " + settings.report().toAbsolutePath());
        } finally {
            others.forEach(LoadNode::close);
        }
        System.exit(0);
    }

    /** The same for DeliveryDrain: admin {@code load} with {@link #PASSWORD}, a random secret key. */
    static ConfigurableApplicationContext start(String databaseUrl, String databaseUser, String databasePassword) {
        return start(databaseUrl, databaseUser, databasePassword, Map.of());
    }

    /** The same with more properties (they win over the shipped ones) and initializers, for HistoryLoad. */
    @SafeVarargs
    static ConfigurableApplicationContext start(String databaseUrl, String databaseUser, String databasePassword,
                                                Map<String, Object> more,
                                                ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        return start(properties(databaseUrl, databaseUser, databasePassword, more), initializers);
    }

    @SafeVarargs
    private static ConfigurableApplicationContext start(Map<String, Object> properties,
                                                        ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        return new SpringApplicationBuilder(CascadeApplication.class).initializers(initializers).run(arguments(properties));
    }

    /** What the load sets over application.yaml: the database, admin {@code load}, a random secret key, the receiver's range. */
    static Map<String, Object> properties(String databaseUrl, String databaseUser, String databasePassword,
                                          Map<String, Object> more) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", databaseUser);
        properties.put("spring.datasource.password", databasePassword);
        properties.put("server.port", 0);
        properties.put("cascade.admin.username", "load");
        properties.put("cascade.admin.password", PASSWORD);
        properties.put("cascade.secrets.key", Base64.getEncoder().encodeToString(key));
        properties.put("cascade.secrets.key-file", "");
        properties.put("cascade.webhooks.allowed-cidrs", "127.0.0.0/8");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.putAll(more);
        return properties;
    }

    /** As command-line arguments, so they win over application.yaml (builder properties would be defaults, below it). */
    static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private String run(LoadReceiver receiver) throws Exception {
        int automations = setUp(receiver);
        awaitOtherNodesMatching();
        List<Round> rounds = new ArrayList<>();
        for (int i = 1; i <= settings.rounds(); i++) {
            RoundCost.Counters before = RoundCost.Counters.read(dataSource, this::otherNodesCpuNanos);
            rounds.add(round(i, receiver));
            System.out.println(rounds.get(rounds.size() - 1).row());
            costs.add(RoundCost.Counters.read(dataSource, this::otherNodesCpuNanos)
                    .since(before, i, rounds.get(rounds.size() - 1).events()));
            System.out.println(costs.get(costs.size() - 1).row());
        }
        return report(automations, rounds);
    }

    /** One team: the target project with the automation the events fire, and the others spread over more projects. */
    int setUp(LoadReceiver receiver) throws Exception {
        post("/api/v1/teams", Map.of("name", team));
        for (int p = 0; p < settings.projects(); p++) {
            post("/api/v1/teams/" + team + "/projects", Map.of("name", project(p)));
        }
        post("/api/v1/teams/" + team + "/webhooks", Map.of("name", "sink", "url", receiver.url()));
        post(automationsOf(project(0)), automation("deliver", "CREATE_ARTIFACT", COLLECTION));
        for (int i = 1; i < settings.automations(); i++) {
            post(automationsOf(project(i % settings.projects())),
                    automation("other-" + i, otherType(i), otherCollection(i)));
        }
        return settings.automations();
    }

    private static String otherType(int automation) {
        return automation % 2 == 0 ? "CREATE_ARTIFACT" : "LINK_ARTIFACT";
    }

    private static String otherCollection(int automation) {
        return OTHER_COLLECTIONS[automation % OTHER_COLLECTIONS.length];
    }

    /**
     * Other nodes learn of automations made through this one by polling once a second (AutomationSync);
     * until they hold the last one made, they would match events against fewer. Asked by a dry run.
     */
    private void awaitOtherNodesMatching() throws Exception {
        int last = settings.automations() - 1;
        String name = last == 0 ? "deliver" : "other-" + last;
        Map<String, Object> probe = last == 0 ? event(0)
                : event(otherType(last), project(last % settings.projects()), otherCollection(last), 0);
        for (int node = 1; node < nodeUrls.size(); node++) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!json.readTree(send(node, "/api/v1/events/dry-run", probe).body()).findValuesAsText("automation")
                    .contains(name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + (node + 1) + " did not learn of " + name + " within 60 s");
                }
                Thread.sleep(200);
            }
        }
    }

    /** CPU time the other nodes' processes used so far; this JVM's is counted by RoundCost itself. */
    private long otherNodesCpuNanos() {
        return otherNodes.stream().mapToLong(LoadNode::cpuNanos).sum();
    }

    private Round round(int number, LoadReceiver receiver) throws Exception {
        return round(number, (number - 1) * eventsPerRound(), receiver);
    }

    /** How many events a round sends. */
    int eventsPerRound() {
        return settings.rate() > 0 ? settings.rate() * settings.durationSeconds() : settings.eventsPerRound();
    }

    /** One round of {@link #eventsPerRound} events numbered from {@code first} (each number once per team). */
    Round round(int number, int first, LoadReceiver receiver) throws Exception {
        if (settings.rate() > 0) {
            return openLoopRound(number, first, receiver);
        }
        int events = settings.eventsPerRound();
        long[] sentAt = new long[events];
        long[] acceptedAfter = new long[events];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        receiver.expect(first, events);
        long start = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            int node = c % nodeUrls.size(); // each client stays with one node, as a client behind a sticky balancer
            running.add(clients.submit(() -> {
                if (settings.batch() > 0) {
                    sendBatches(node, next, events, first, sentAt, acceptedAfter, refused, receiver);
                    return null;
                }
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    sentAt[i] = System.nanoTime();
                    int status = submit(node, first + i);
                    acceptedAfter[i] = System.nanoTime() - sentAt[i];
                    if (status != 202) {
                        refused.incrementAndGet();
                        receiver.wontCome();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        long accepted = System.nanoTime() - start;
        return delivered(number, first, events, start, accepted, sentAt, acceptedAfter, refused.get(), receiver);
    }

    /** Waits for the round's webhooks; end to end is from each event's send time to its first delivery. */
    private Round delivered(int number, int first, int events, long start, long accepted, long[] sentAt,
                            long[] acceptedAfter, int refused, LoadReceiver receiver) throws InterruptedException {
        boolean complete = receiver.awaitAll(settings.deliveryTimeout());
        long[] delivered = receiver.deliveredAt();
        long lastDelivery = start;
        long[] endToEnd = new long[events];
        int missing = 0;
        for (int i = 0; i < events; i++) {
            if (delivered[i] == 0) {
                missing++;
                endToEnd[i] = Long.MAX_VALUE;
            } else {
                endToEnd[i] = delivered[i] - sentAt[i];
                lastDelivery = Math.max(lastDelivery, delivered[i]);
            }
        }
        if (RoundMinutes.longerThanAMinute(lastDelivery - start)) {
            long[] sentFromStart = Arrays.stream(sentAt).map(at -> at - start).toArray();
            minutes.append(RoundMinutes.table(number, sentFromStart, endToEnd)).append('\n');
        }
        return new Round(number, first, events, accepted, acceptedAfter, lastDelivery - start, endToEnd,
                refused, complete ? 0 : missing, receiver.duplicates());
    }

    /**
     * Closed loop in batches: each client takes the next {@code batch} events and sends them in one
     * request; every event of a batch is accepted when the batch's answer is back.
     */
    private void sendBatches(int node, AtomicInteger next, int events, int first, long[] sentAt, long[] acceptedAfter,
                             AtomicInteger refused, LoadReceiver receiver) throws IOException, InterruptedException {
        for (int from = next.getAndAdd(settings.batch()); from < events; from = next.getAndAdd(settings.batch())) {
            int to = Math.min(events, from + settings.batch());
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(event(first + i));
            }
            long sent = System.nanoTime();
            eventsSentTo.addAndGet(node, batch.size());
            HttpResponse<String> answer = send(node, "/api/v1/events/batch", Map.of("events", batch));
            long took = System.nanoTime() - sent;
            int[] statuses = new int[to - from];
            if (answer.statusCode() == 200) {
                json.readTree(answer.body()).get("results").forEach(r -> statuses[r.get("index").asInt()] = r.get("status").asInt());
            }
            for (int i = from; i < to; i++) {
                sentAt[i] = sent;
                acceptedAfter[i] = took;
                if (statuses[i - from] != 202) {
                    refused.incrementAndGet();
                    receiver.wontCome();
                }
            }
        }
    }

    /**
     * Open loop: event i is sent at start + i / rate whether or not earlier answers have come back,
     * so a slow answer delays no later event. Latencies are measured from that planned send time.
     */
    private Round openLoopRound(int number, int first, LoadReceiver receiver) throws Exception {
        int events = settings.rate() * settings.durationSeconds();
        long[] sentAt = new long[events];
        long[] acceptedAfter = new long[events];
        AtomicInteger refused = new AtomicInteger();
        receiver.expect(first, events);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(events);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long planned = start + (long) (i * 1e9 / settings.rate());
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt[i] = planned;
            int index = i;
            int node = i % nodeUrls.size();
            eventsSentTo.incrementAndGet(node);
            answers.add(sendAsync(node, "/api/v1/events", event(first + i)).whenComplete((answer, failure) -> {
                acceptedAfter[index] = System.nanoTime() - planned;
                if (failure != null || answer.statusCode() != 202) {
                    refused.incrementAndGet();
                    receiver.wontCome();
                    refusals.merge(failure != null ? cause(failure) : "HTTP " + answer.statusCode(), 1, Integer::sum);
                }
            }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        long accepted = System.nanoTime() - start;
        return delivered(number, first, events, start, accepted, sentAt, acceptedAfter, refused.get(), receiver);
    }

    private int submit(int node, int sequence) throws IOException, InterruptedException {
        eventsSentTo.incrementAndGet(node);
        return send(node, "/api/v1/events", event(sequence)).statusCode();
    }

    /** Event {@code sequence}, which fires the automation that delivers to the receiver. */
    private Map<String, Object> event(int sequence) {
        return event("CREATE_ARTIFACT", project(0), COLLECTION, sequence);
    }

    private Map<String, Object> event(String type, String project, String collection, int sequence) {
        Map<String, Object> artifact = Map.of("id", "load-" + sequence, "version", "v" + sequence, "type", "dataset",
                "metadata", Map.of("rows", sequence));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("entity", team);
        event.put("project", project);
        event.put("author", "load");
        event.put("collection", collection);
        event.put("artifact", artifact);
        return event;
    }

    private static Map<String, Object> automation(String name, String eventType, String collection) {
        return TeamFixture.request(name, Map.of("type", eventType, "collection", collection), "sink",
                "{\"version\": \"${artifact_version_string}\"}");
    }

    private String automationsOf(String project) {
        return "/api/v1/teams/" + team + "/projects/" + project + "/automations";
    }

    private static String project(int index) {
        return "project-" + index;
    }

    private void post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(String path, Object body) throws IOException, InterruptedException {
        return send(0, path, body);
    }

    /** To node {@code node} (0: this JVM's), as {@link #nodeUrls} numbers them. */
    private HttpResponse<String> send(int node, String path, Object body) throws IOException, InterruptedException {
        return http.send(request(node, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(int node, String path, Object body) throws IOException {
        String credentials = Base64.getEncoder().encodeToString(("load:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodeUrls.get(node) + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json");
        if (settings.async() && path.startsWith("/api/v1/events")) {
            request.header("Prefer", "respond-async"); // answered once in the inbox, matched after
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
    }

    /**
     * Sent on a thread of {@link #senders}, which keeps its threads for the next requests. The client's
     * own sendAsync runs what follows each answer on a new thread on a 2-core machine (CompletableFuture's
     * default executor there), thousands per round, in the JVM whose CPU the report counts.
     */
    private CompletableFuture<HttpResponse<String>> sendAsync(int node, String path, Object body) throws IOException {
        HttpRequest request = request(node, path, body);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, senders);
    }

    private String report(int automations, List<Round> rounds) {
        StringBuilder report = new StringBuilder();
        report.append("# End-to-end load, ").append(OffsetDateTime.now().withNano(0)).append("\n\n");
        report.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append("; ").append(nodes()).append('\n');
        report.append("- ").append(automations).append(" automations in ").append(settings.projects())
                .append(" projects; every event fires exactly one, which delivers to the receiver\n");
        if (settings.rate() > 0) {
            report.append("- open loop: ").append(settings.rate()).append(" events/s offered for ")
                    .append(settings.durationSeconds()).append(" s per round (each sent at its planned time, whatever ")
                    .append("the answers; latencies from that planned time), ").append(settings.rounds())
                    .append(" rounds on one database\n\n");
        } else {
            report.append("- ").append(settings.clients()).append(" concurrent clients, ")
                    .append(settings.batch() > 0 ? "each sending batches of " + settings.batch()
                            + " events (POST /api/v1/events/batch; an event's accept time is its batch's), " : "")
                    .append(settings.eventsPerRound()).append(" events per round, ").append(settings.rounds())
                    .append(" rounds on one database\n\n");
        }
        if (settings.async()) {
            report.append("- events sent with `Prefer: respond-async`: accepted = committed to the inbox; ")
                    .append("end to end still runs from the send to the webhook's arrival\n\n");
        }
        report.append(Round.HEADER).append('\n');
        rounds.forEach(round -> report.append(round.row()).append('\n'));
        report.append("\nCost per event, from the round's start until its last delivery (JVM CPU includes the clients ")
                .append("and the receiver").append(otherNodes.isEmpty() ? "" : ", and is the sum over every node's JVM")
                .append("; PostgreSQL's commits and rows count the load's database only, across all of its backends, ")
                .append("and its processes' CPU that of every database on the server):\n\n")
                .append(RoundCost.HEADER).append('\n');
        costs.forEach(cost -> report.append(cost.row()).append('\n'));
        if (!minutes.isEmpty()) {
            report.append("\nRounds longer than a minute, minute by minute from the round's start (an event counts in ")
                    .append("the minute it was sent, a batch's events when the batch was sent; after the last ")
                    .append("minute of sending, only the backlog arrives):\n\n").append(minutes);
        }
        if (!refusals.isEmpty()) {
            report.append("\nRefused open-loop events by cause: ");
            refusals.forEach((cause, count) -> report.append(cause).append(" ×").append(count).append("; "));
            report.append('\n');
        }
        return report.toString();
    }

    /** The innermost exception's class and message, e.g. the client's "header parser received no bytes". */
    private static String cause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Which JVMs ran the application, and how the events were spread over them. */
    private String nodes() {
        if (otherNodes.isEmpty()) {
            return "one node: application, clients and receiver in one JVM";
        }
        StringBuilder nodes = new StringBuilder().append(nodeUrls.size()).append(" nodes on one database, each running ")
                .append("requests, inbox, job executor and delivery: node 1 in the load's JVM with the clients and the ")
                .append("receiver, ");
        otherNodes.forEach(node -> nodes.append("node ").append(node.number()).append(" in a JVM of its own (output in ")
                .append(node.log()).append("), "));
        long total = 0;
        for (int node = 0; node < eventsSentTo.length(); node++) {
            total += eventsSentTo.get(node);
        }
        nodes.append("the cores shared by all; setup through node 1; events sent:");
        for (int node = 0; node < eventsSentTo.length(); node++) {
            nodes.append(node == 0 ? " " : ", ").append("node ").append(node + 1).append(String.format(Locale.ROOT,
                    " %,d (%.0f%%)", eventsSentTo.get(node), 100.0 * eventsSentTo.get(node) / Math.max(1, total)));
        }
        return nodes.toString();
    }

    /** What a run does; each can be set as {@code name=value} arguments. */
    record Settings(String databaseUrl, String databaseUser, String databasePassword, int automations, int projects,
                    int clients, int eventsPerRound, int rounds, Duration deliveryTimeout, Path report,
                    int rate, int durationSeconds, int batch, boolean async, int nodes) {

        static Settings parse(String[] args) {
            Map<String, String> values = LoadArguments.withDatabase("cascade_load");
            values.put("automations", "1000");
            values.put("projects", "100");
            values.put("clients", "8");
            values.put("events", "2000");
            values.put("rounds", "3");
            values.put("timeout", "PT5M");
            values.put("report", "target/load-report.md");
            // open loop: events offered per second (0: closed loop, each client sends when answered) for duration s
            values.put("rate", "0");
            values.put("duration", "60");
            // closed loop in batches of this many events (0: one event per request)
            values.put("batch", "0");
            // true: events are sent with Prefer: respond-async (202 once in the inbox, matched after)
            values.put("async", "false");
            // nodes on the database, each a JVM; events spread over them (client i or event i to node i % nodes)
            values.put("nodes", "1");
            LoadArguments.apply(values, args);
            if (Integer.parseInt(values.get("nodes")) < 1) {
                throw new IllegalArgumentException("nodes must be at least 1");
            }
            return new Settings(values.get("db"), values.get("db.user"), values.get("db.password"),
                    Integer.parseInt(values.get("automations")), Integer.parseInt(values.get("projects")),
                    Integer.parseInt(values.get("clients")), Integer.parseInt(values.get("events")),
                    Integer.parseInt(values.get("rounds")), Duration.parse(values.get("timeout")),
                    Path.of(values.get("report")), Integer.parseInt(values.get("rate")),
                    Integer.parseInt(values.get("duration")), Integer.parseInt(values.get("batch")),
                    Boolean.parseBoolean(values.get("async")), Integer.parseInt(values.get("nodes")));
        }
    }
}
