package io.cascade.engine.webhook.ssrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SafeHttpClientsTest {

    private static final String USER_AGENT = "Cascade-Webhook/test";

    private final AtomicReference<String> receivedUserAgent = new AtomicReference<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            receivedUserAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            respond(exchange, 200);
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", baseUrl + "/target");
            respond(exchange, 302);
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            respond(exchange, 200);
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void reachesAddressThePolicyAllows() throws IOException {
        try (CloseableHttpAsyncClient client = client(new AddressPolicy(List.of("127.0.0.0/8")))) {
            int status = status(client, baseUrl + "/");

            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void sendsTheUserAgent() throws IOException {
        try (CloseableHttpAsyncClient client = client(new AddressPolicy(List.of("127.0.0.0/8")))) {
            status(client, baseUrl + "/");

            assertThat(receivedUserAgent.get()).isEqualTo(USER_AGENT);
        }
    }

    @Test
    void refusesToConnectToForbiddenAddress() throws IOException {
        try (CloseableHttpAsyncClient client = client(new AddressPolicy())) {
            assertThatThrownBy(() -> status(client, baseUrl + "/"))
                .isInstanceOf(IOException.class)
                .rootCause().isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("127.0.0.1, a forbidden loopback address: refused");
        }
        assertThat(receivedUserAgent.get()).isNull();
    }

    @Test
    void returnsRedirectWithoutFollowingIt() throws IOException {
        try (CloseableHttpAsyncClient client = client(new AddressPolicy(List.of("127.0.0.0/8")))) {
            int status = status(client, baseUrl + "/redirect");

            assertThat(status).isEqualTo(302);
            assertThat(redirectTargetHits).hasValue(0);
        }
    }

    private static CloseableHttpAsyncClient client(AddressPolicy policy) {
        return SafeHttpClients.create(policy, Duration.ofSeconds(2), Duration.ofSeconds(5), USER_AGENT, 4);
    }

    private static int status(CloseableHttpAsyncClient client, String url) throws IOException {
        try {
            return client.execute(SimpleRequestBuilder.get(url).build(), null).get().getCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
