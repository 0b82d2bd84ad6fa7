package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.webhook.ssrf.AddressPolicy;
import io.cascade.engine.webhook.ssrf.SafeHttpClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers close keep-alive connections that stay idle (Node.js after 5 s, nginx after 75 s): after a
 * quiet spell, no delivery may fail because the connection it was given had been closed meanwhile.
 */
class IdleConnectionTest {

    private static final int CONNECTIONS = 16;

    private IdleClosingReceiver receiver;
    private WebhookSender sender;

    @AfterEach
    void stop() throws Exception {
        sender.close();
        receiver.close();
    }

    @Test
    void requestsAfterTheReceiverClosedEveryIdleConnectionAreAllAnswered() throws Exception {
        receiver = new IdleClosingReceiver(300);
        sender = new WebhookSender(SafeHttpClients.create(new AddressPolicy(List.of("127.0.0.0/8")),
                Duration.ofSeconds(5), Duration.ofSeconds(5), "Cascade-Webhooks/test", CONNECTIONS));
        assertThat(sendAtOnce()).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));

        Thread.sleep(1_500); // every pooled connection is closed by the receiver now
        assertThat(receiver.closedIdle()).isPositive();

        assertThat(sendAtOnce()).allSatisfy(response -> assertThat(response.succeeded()).as(response.failure()).isTrue());
    }

    private List<ReceiverResponse> sendAtOnce() {
        List<CompletableFuture<ReceiverResponse>> sent = IntStream.range(0, CONNECTIONS)
                .mapToObj(i -> sender.send(RequestPreparer.prepare(receiver.url(), "{}", "id-" + i, 1, null, null,
                        List.of())))
                .toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
