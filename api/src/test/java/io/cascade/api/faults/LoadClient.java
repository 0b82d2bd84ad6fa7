package io.cascade.api.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends events at a steady rate, each with its own client event id, and sends an event again with
 * the same id until it is accepted (202, or 200 for an id already accepted): after 1 s on a
 * connection error or an error status, after Retry-After (at most 5 s) when the answer has one.
 * With several nodes it goes round-robin, request by request, so a retry goes to the next node.
 * At most {@code maxInFlight} requests are open at once; events wait in order beyond that.
 */
final class LoadClient implements AutoCloseable {

    /** One HTTP request: wall-clock times; status -1 when no answer came (the error says why). */
    record Request(String eventId, long sentMillis, long answeredMillis, int status, String error) {
        boolean accepted() {
            return status == 200 || status == 202;
        }

        String kind() {
            return status > 0 ? Integer.toString(status) : error;
        }
    }

    /** What one run of the client saw. */
    record Outcome(int sent, Set<String> accepted, List<Request> requests, long loadStartMillis, long loadEndMillis) {

        /** Answer times of accepted requests, in order. */
        List<Long> successes() {
            return requests.stream().filter(Request::accepted).map(Request::answeredMillis).sorted().toList();
        }

        /**
         * The longest stretch without an accepted answer while events were being sent: between two
         * consecutive accepted answers (or the start of the load and the first one), counting only
         * stretches that began before the load ended. Returns {start, end} in wall-clock millis.
         */
        long[] longestUnavailable() {
            long previous = loadStartMillis;
            long[] longest = {loadStartMillis, loadStartMillis};
            for (long at : successes()) {
                if (previous < loadEndMillis && at - previous > longest[1] - longest[0]) {
                    longest = new long[] {previous, at};
                }
                previous = Math.max(previous, at);
            }
            return longest;
        }

        /** Requests that were not accepted, by status or error, e.g. {503=120, ConnectException=14}. */
        Map<String, Integer> refusals() {
            Map<String, Integer> counts = new TreeMap<>();
            requests.stream().filter(r -> !r.accepted()).forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
            return counts;
        }
    }

    private final List<String> nodes;
    private final String authorization;
    private final String team;
    private final String project;
    private final String collection;
    private final String prefix;
    private final int maxInFlight;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final BlockingQueue<String> ready = new LinkedBlockingQueue<>();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Semaphore inFlight;
    private volatile boolean stopped;

    /** A Prefer header sent with every event (e.g. respond-async), or null. */
    private final String prefer;

    LoadClient(List<String> nodes, String authorization, String team, String project, String collection, String prefix,
               int maxInFlight, String prefer) {
        this.prefer = prefer;
        this.nodes = nodes;
        this.authorization = authorization;
        this.team = team;
        this.project = project;
        this.collection = collection;
        this.prefix = prefix;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    /**
     * Sends {@code rate × load} events evenly over {@code load}, then keeps retrying until every
     * event is accepted or {@code retryFor} after the load has passed.
     */
    Outcome run(double rate, Duration load, Duration retryFor) throws InterruptedException {
        int events = (int) Math.round(rate * load.toMillis() / 1000.0);
        long start = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            String id = prefix + "-" + String.format("%06d", i);
            timer.schedule(() -> ready.add(id), Math.round(i * 1000.0 / rate), TimeUnit.MILLISECONDS);
        }
        Thread dispatcher = new Thread(this::dispatch, "load-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        long loadEnd = start + load.toMillis();
        long giveUp = loadEnd + retryFor.toMillis();
        while (System.currentTimeMillis() < giveUp && (System.currentTimeMillis() < loadEnd || accepted.size() < events)) {
            Thread.sleep(200);
        }
        stopped = true;
        dispatcher.interrupt();
        // what is still open gets its answer (or times out) before the client is counted
        inFlight.tryAcquire(maxInFlight, 45, TimeUnit.SECONDS);
        List<Request> all = new ArrayList<>(requests);
        all.sort(Comparator.comparingLong(Request::sentMillis));
        return new Outcome(sent.size(), Set.copyOf(accepted), all, start, loadEnd);
    }

    private void dispatch() {
        try {
            while (!stopped) {
                String id = ready.take();
                inFlight.acquire();
                if (stopped) {
                    inFlight.release();
                    return;
                }
                send(id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String id) {
        sent.add(id);
        String node = nodes.get(Math.floorMod(roundRobin.getAndIncrement(), nodes.size()));
        int sequence = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        String body = """
                {"id":"%s","type":"CREATE_ARTIFACT","entity":"%s","project":"%s","author":"fault-suite",\
                "collection":"%s","artifact":{"id":"QXJ0aWZhY3Q6MQ","version":"v%d","type":"dataset"}}"""
                .formatted(id, team, project, collection, sequence);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(node + "/api/v1/events"))
                .header("Authorization", authorization).header("Content-Type", "application/json");
        if (prefer != null) {
            builder.header("Prefer", prefer);
        }
        HttpRequest request = builder.timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sentAt = System.currentTimeMillis();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, error) -> {
            long answeredAt = System.currentTimeMillis();
            try {
                if (answer != null) {
                    requests.add(new Request(id, sentAt, answeredAt, answer.statusCode(), null));
                    if (answer.statusCode() == 200 || answer.statusCode() == 202) {
                        accepted.add(id);
                    } else {
                        long wait = answer.headers().firstValueAsLong("Retry-After").orElse(1);
                        retry(id, Math.min(5, Math.max(1, wait)) * 1000);
                    }
                } else {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    requests.add(new Request(id, sentAt, answeredAt, -1, cause.getClass().getSimpleName()));
                    retry(id, 1000);
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private void retry(String id, long afterMillis) {
        if (!stopped) {
            timer.schedule(() -> ready.add(id), afterMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }
}
