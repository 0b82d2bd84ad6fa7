package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cascade.engine.payload.PayloadRenderer;
import io.cascade.engine.webhook.ssrf.AddressPolicy;
import io.cascade.engine.webhook.ssrf.SafeHttpClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real receiver that echoes the request back: what the sender reports must not carry its secrets. */
class WebhookSenderTest {

    private static final String TOKEN = "tok-" + "0123456789abcdef".repeat(2);

    private HttpServer server;
    private WebhookSender sender;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                exchange.getResponseHeaders().add("X-Echo-Authorization", authorization);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        sender = new WebhookSender(SafeHttpClients.create(new AddressPolicy(List.of("127.0.0.0/8")),
                Duration.ofSeconds(5), Duration.ofSeconds(5), "Cascade-Webhooks/test", 8));
    }

    @AfterEach
    void stop() {
        sender.close();
        server.stop(0);
    }

    @Test
    void anEchoedTokenAndPayloadSecretAreMaskedInBodyAndHeaders() {
        String body = "{\"key\":\"deploy-key-42\"}";

        ReceiverResponse response = sender.send(RequestPreparer.prepare(url(), body, "id-1", 1, null, TOKEN,
                List.of("deploy-key-42"))).join();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"key\":\"" + PayloadRenderer.MASK + "\"}");
        assertThat(response.headers()).hasEntrySatisfying(header(response, "X-Echo-Authorization"),
                value -> assertThat(value).isEqualTo("Bearer " + PayloadRenderer.MASK));
    }

    @Test
    void aSecretStraddlingTheBodyCutIsMaskedWholeNotCutInHalf() {
        String padding = "x".repeat(WebhookSender.MAX_BODY - 10);
        String body = padding + TOKEN + " and more after it";

        ReceiverResponse response = sender.send(RequestPreparer.prepare(url(), body, "id-2", 1, null, null,
                List.of(TOKEN))).join();

        assertThat(response.body()).isEqualTo(padding + PayloadRenderer.MASK);
    }

    @Test
    void aLongBodyIsStillCutAtTheLimitWhenItCarriesNoSecret() {
        String body = "é".repeat(WebhookSender.MAX_BODY);

        ReceiverResponse response = sender.send(RequestPreparer.prepare(url(), body, "id-3", 1, null, null, List.of())).join();

        assertThat(response.body()).isEqualTo("é".repeat(WebhookSender.MAX_BODY / 2));
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSize(WebhookSender.MAX_BODY);
    }

    /** The header's name as the receiver spelled it. */
    private static String header(ReceiverResponse response, String name) {
        return response.headers().keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/echo";
    }
}
