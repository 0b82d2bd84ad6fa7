package io.cascade.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP webhook receiver on 127.0.0.1: records every request, answers with scripted statuses. */
public final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile String retryAfter;
    private volatile boolean echo;

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The statuses to answer, in order; after them, 200. */
    public Receiver answering(Integer... codes) {
        synchronized (statuses) {
            statuses.addAll(List.of(codes));
        }
        return this;
    }

    /** A Retry-After header on every non-2xx answer. */
    public Receiver retryAfter(String value) {
        retryAfter = value;
        return this;
    }

    /**
     * Answers with the request line's path and query, the Authorization header and the body, and
     * repeats the Authorization header as X-Echo-Authorization: a receiver that leaks back whatever
     * it was sent, as error pages repeat the path.
     */
    public Receiver echoing() {
        echo = true;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        int status;
        synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.removeFirst();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] answer = echo ? ("POST " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                + "\nAuthorization: " + authorization + "\n" + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8) : ("{\"answered\":" + status + "}").getBytes();
        if (echo && authorization != null) {
            exchange.getResponseHeaders().add("X-Echo-Authorization", authorization);
        }
        if (retryAfter != null && (status < 200 || status > 299)) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
