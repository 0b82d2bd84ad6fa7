package io.cascade.api.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load's webhook receiver: answers 200 and notes when each event's delivery arrived, by the
 * sequence number in the payload's {@code artifact_version_string} ("…:v123"), and how often each
 * {@code webhook-id} arrived. With an answer delay it answers each request that long after it
 * arrived, from a timer: requests wait side by side, never one behind another.
 */
final class LoadReceiver implements AutoCloseable {

    private static final Pattern SEQUENCE = Pattern.compile(":v(\\d+)\"");

    static {
        // The JDK's server closes, without a word, any connection that goes idle while 200 others are
        // idle: with up to 256 requests in flight (cascade.webhooks.max-in-flight) deliveries would meet
        // connections closed under them, fail, and wait for a retry, which measures the receiver, not Cascade.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2048");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Integer> webhookIds = new ConcurrentHashMap<>();
    private final Duration answerDelay;
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile int first;
    private volatile AtomicLongArray deliveredAt = new AtomicLongArray(0);
    private volatile CountDownLatch outstanding = new CountDownLatch(0);

    LoadReceiver() throws IOException {
        this(Duration.ZERO);
    }

    LoadReceiver(Duration answerDelay) throws IOException {
        this.answerDelay = answerDelay;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next round: events {@code first .. first + count - 1}. */
    void expect(int first, int count) {
        this.first = first;
        this.deliveredAt = new AtomicLongArray(count);
        this.outstanding = new CountDownLatch(count);
        duplicates.set(0);
        webhookIds.clear();
    }

    /** One expected event was refused, so its webhook will not come. */
    void wontCome() {
        outstanding.countDown();
    }

    /** Distinct webhook-ids received since {@link #expect}. */
    int distinctWebhookIds() {
        return webhookIds.size();
    }

    /** Requests beyond the first for any webhook-id since {@link #expect}. */
    int duplicateWebhookIds() {
        return webhookIds.values().stream().mapToInt(n -> n - 1).sum();
    }

    boolean awaitAll(Duration timeout) throws InterruptedException {
        return outstanding.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** System.nanoTime() of each event's first delivery; 0 when none arrived. */
    long[] deliveredAt() {
        AtomicLongArray times = deliveredAt;
        long[] copy = new long[times.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = times.get(i);
        }
        return copy;
    }

    int duplicates() {
        return duplicates.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        if (webhookId != null) {
            webhookIds.merge(webhookId, 1, Integer::sum);
        }
        Matcher sequence = SEQUENCE.matcher(body);
        if (sequence.find()) {
            int index = Integer.parseInt(sequence.group(1)) - first;
            AtomicLongArray times = deliveredAt;
            if (index >= 0 && index < times.length() && times.compareAndSet(index, 0, now)) {
                outstanding.countDown();
            } else {
                duplicates.incrementAndGet();
            }
        }
        if (answerDelay.isZero()) {
            answer(exchange);
        } else {
            answers.schedule(() -> answer(exchange), answerDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void answer(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // the sender gave up (timeout): it retries, and the retry is counted
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        answers.shutdownNow();
    }
}
