package io.cascade.api.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The webhook receiver: records every request it answers (webhook-id, path, time, the status it
 * answered) and, on command, refuses connections (its port closed) or answers 503, with or without
 * Retry-After.
 */
final class RecordingReceiver implements AutoCloseable {

    enum Mode { ACCEPT, REFUSE_CONNECTIONS, ANSWER_503, ANSWER_503_RETRY_AFTER }

    /** One request as the receiver saw it; {@code atMillis} is wall-clock time when it answered. */
    record Received(String webhookId, String path, long atMillis, int status, int retryAfterSeconds) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final ConcurrentLinkedQueue<Received> log = new ConcurrentLinkedQueue<>();
    private final int retryAfterSeconds;
    private final int port;
    private HttpServer server;
    private volatile Mode mode = Mode.ACCEPT;

    RecordingReceiver(int retryAfterSeconds) throws IOException {
        this.retryAfterSeconds = retryAfterSeconds;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The URL a webhook of the given scenario calls: the path tells the scenarios apart. */
    String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    synchronized void mode(Mode next) throws IOException {
        if (next == Mode.REFUSE_CONNECTIONS && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Mode.REFUSE_CONNECTIONS && server == null) {
            server = listenAgain();
        }
        mode = next;
    }

    List<Received> received(String path) {
        String prefix = "/" + path;
        return log.stream().filter(r -> r.path().equals(prefix)).toList();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 512);
        s.setExecutor(threads);
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    private HttpServer listenAgain() throws IOException {
        for (int i = 0; ; i++) {
            try {
                return listen(port);
            } catch (BindException e) {
                if (i >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            Mode now = mode;
            int status = now == Mode.ACCEPT ? 200 : 503;
            int retryAfter = now == Mode.ANSWER_503_RETRY_AFTER ? retryAfterSeconds : 0;
            if (retryAfter > 0) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
            }
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            log.add(new Received(webhookId, exchange.getRequestURI().getPath(), System.currentTimeMillis(), status,
                    retryAfter));
            byte[] answer = (status == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        threads.shutdownNow();
    }
}
