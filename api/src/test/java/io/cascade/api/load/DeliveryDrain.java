package io.cascade.api.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.team.TeamFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Delivery capacity: how many webhooks a node delivers per second once events are accepted,
 * whatever the ingest rate. Submits {@code events} events with delivery held, then lets delivery go and
 * times the drain of that backlog at the receiver (first delivery to last), which answers each request
 * after {@code receiverDelayMs}. Reports the rate and whether every event arrived exactly once by
 * webhook-id. The whole application runs in this JVM on PostgreSQL with its shipped settings.
 *
 * <p>Delivery is held by pausing the delivery worker, or, where deliveries are Camunda jobs (before
 * the worker existed), by suspending the webhook process's job definition; so the same class measures
 * both designs.
 *
 * <p>Run with {@code ./mvnw -B -pl api -am -Pload -Dskip.npm process-test-classes
 * -Dload.main=io.cascade.api.load.DeliveryDrain -Dload.args="events=2000 receiverDelayMs=200"}.
 */
public final class DeliveryDrain {

    private static final String WORKER = "io.cascade.engine.webhook.delivery.DeliveryWorker";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String team = "drain-" + Long.toString(System.currentTimeMillis(), 36);
    private String baseUrl;

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        int events = Integer.parseInt(settings.get("events"));
        Duration delay = Duration.ofMillis(Long.parseLong(settings.get("receiverDelayMs")));
        try (ConfigurableApplicationContext app = start(settings); LoadReceiver receiver = new LoadReceiver(delay)) {
            DeliveryDrain drain = new DeliveryDrain();
            drain.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            System.out.println(drain.run(app, receiver, events, Integer.parseInt(settings.get("warmup")),
                    Integer.parseInt(settings.get("clients")), delay, Duration.parse(settings.get("timeout"))));
        }
        System.exit(0);
    }

    private String run(ConfigurableApplicationContext app, LoadReceiver receiver, int events, int warmup, int clients,
                       Duration delay, Duration timeout) throws Exception {
        post("/api/v1/teams", Map.of("name", team));
        post("/api/v1/teams/" + team + "/projects", Map.of("name", "drain"));
        post("/api/v1/teams/" + team + "/webhooks", Map.of("name", "sink", "url", receiver.url()));
        post("/api/v1/teams/" + team + "/projects/drain/automations", TeamFixture.request("deliver",
                Map.of("type", "CREATE_ARTIFACT", "collection", "drain-data"), "sink",
                "{\"version\": \"${artifact_version_string}\"}"));
        if (warmup > 0) { // delivered as they come, before the measured backlog: the JIT has compiled the path
            receiver.expect(events, warmup);
            submitAll(events, warmup, clients);
            if (!receiver.awaitAll(timeout)) {
                throw new IllegalStateException("the warm-up's " + warmup + " events were not all delivered");
            }
        }
        receiver.expect(0, events);

        Hold hold = Hold.of(app);
        hold.hold();
        long submitStart = System.nanoTime();
        int refused = submitAll(0, events, clients);
        double submitSeconds = (System.nanoTime() - submitStart) / 1e9;
        int early = receiver.distinctWebhookIds();

        DataSource dataSource = app.getBean(DataSource.class);
        RoundCost.Counters before = RoundCost.Counters.read(dataSource);
        long released = System.nanoTime();
        hold.release();
        boolean complete = receiver.awaitAll(timeout);
        RoundCost cost = RoundCost.Counters.read(dataSource).since(before, 1, events);
        long[] at = receiver.deliveredAt();
        long first = Long.MAX_VALUE;
        long last = 0;
        int delivered = 0;
        for (long t : at) {
            if (t != 0) {
                delivered++;
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        Thread.sleep(Math.max(2_000, delay.toMillis() * 5)); // late duplicates, if any, arrive now
        double drainSeconds = (last - first) / 1e9;
        double fromRelease = (last - released) / 1e9;
        return String.format("""
                        delivery drain: %d events (%d clients, %d refused, after %d warm-up events), receiver answers after %d ms
                          submitted with delivery held in %.1f s; delivered before release: %d
                          delivered: %d of %d%s; distinct webhook-ids %d, duplicate requests %d
                          drain: first to last delivery %.2f s = %.0f deliveries/s (release to last: %.2f s = %.0f/s)
                          cost of the drain per delivery (counted from release to last delivery, plus 1.5 s for the
                          counters to settle; JVM CPU includes the receiver):
                        %s
                        %s""",
                events, clients, refused, warmup, delay.toMillis(), submitSeconds, early, delivered, events,
                complete ? "" : " (TIMED OUT)", receiver.distinctWebhookIds(), receiver.duplicateWebhookIds(),
                drainSeconds, delivered / Math.max(drainSeconds, 1e-9), fromRelease,
                delivered / Math.max(fromRelease, 1e-9), RoundCost.HEADER.replace("per event", "per delivery"),
                cost.row());
    }

    /** Submits events {@code from .. from + events - 1}. */
    private int submitAll(int from, int events, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < from + events; i = next.getAndIncrement()) {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("type", "CREATE_ARTIFACT");
                    event.put("entity", team);
                    event.put("project", "drain");
                    event.put("author", "load");
                    event.put("collection", "drain-data");
                    event.put("artifact", Map.of("id", "drain-" + i, "version", "v" + i, "type", "dataset"));
                    if (send("/api/v1/events", event).statusCode() != 202) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        return refused.get();
    }

    /** Holds deliveries back while the backlog is built. */
    private interface Hold {

        void hold() throws Exception;

        void release() throws Exception;

        static Hold of(ConfigurableApplicationContext app) throws ClassNotFoundException {
            ClassLoader loader = DeliveryDrain.class.getClassLoader();
            Class<?> workerType;
            try {
                workerType = Class.forName(WORKER, true, loader);
            } catch (ClassNotFoundException jobsDeliver) {
                ManagementService management = app.getBean(ManagementService.class);
                return new Hold() {
                    @Override
                    public void hold() {
                        management.suspendJobDefinitionByProcessDefinitionKey("webhook-action", true);
                    }

                    @Override
                    public void release() {
                        management.activateJobDefinitionByProcessDefinitionKey("webhook-action", true);
                    }
                };
            }
            Object worker = app.getBean(workerType);
            return new Hold() {
                @Override
                public void hold() throws Exception {
                    workerType.getMethod("pause").invoke(worker);
                }

                @Override
                public void release() throws Exception {
                    workerType.getMethod("resume").invoke(worker);
                }
            };
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> settings) {
        return EventLoad.start(settings.get("db"), settings.get("db.user"), settings.get("db.password"));
    }

    private static Map<String, String> settings(String[] args) {
        Map<String, String> values = LoadArguments.withDatabase("cascade_load");
        values.put("events", "2000");
        values.put("clients", "8");
        values.put("receiverDelayMs", "200");
        values.put("warmup", "0");
        values.put("timeout", "PT5M");
        LoadArguments.apply(values, args);
        return values;
    }

    private void post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(String path, Object body) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString(("load:" + EventLoad.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
