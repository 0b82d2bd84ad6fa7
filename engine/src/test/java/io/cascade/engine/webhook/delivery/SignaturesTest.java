package io.cascade.engine.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Both signatures, checked by code that is not ours: javax.crypto, and the standardwebhooks library. */
class SignaturesTest {

    static final byte[] BODY = "{\"event_type\":\"CREATE_ARTIFACT\",\"author\":\"ålice\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void wandbSignatureIsBase64OfHmacSha256OverTheBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        assertThat(Signatures.wandb("s3cret", BODY)).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(BODY)));
    }

    @Test
    void standardWebhooksLibraryVerifiesAWhsecSecret() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        long now = System.currentTimeMillis() / 1000;
        OutgoingRequest request = RequestPreparer.prepare("https://hooks.example.com", new String(BODY, StandardCharsets.UTF_8),
                "7f1c0a9e-delivery", now, secret, null, List.of());

        assertThatCode(() -> new Webhook(secret).verify(new String(request.body(), StandardCharsets.UTF_8),
                lowerCase(request.headers()))).doesNotThrowAnyException();
    }

    @Test
    void standardWebhooksLibraryRejectsATamperedBody() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        OutgoingRequest request = RequestPreparer.prepare("https://hooks.example.com", "{\"a\":1}", "id-1",
                System.currentTimeMillis() / 1000, secret, null, List.of());

        assertThatThrownBy(() -> new Webhook(secret).verify("{\"a\":2}", lowerCase(request.headers())))
                .hasMessageContaining("signature");
    }

    @Test
    void aPlainSecretSignsWithItsUtf8Bytes() {
        long now = System.currentTimeMillis() / 1000;
        OutgoingRequest request = RequestPreparer.prepare("https://hooks.example.com", "{}", "id-2", now, "plain", null,
                List.of());

        assertThatCode(() -> new Webhook("plain".getBytes(StandardCharsets.UTF_8)).verify("{}",
                lowerCase(request.headers()))).doesNotThrowAnyException();
    }

    @Test
    void withoutASecretThereIsNoSignatureButStillADeliveryId() {
        OutgoingRequest request = RequestPreparer.prepare("https://hooks.example.com", "{}", "id-3", 1, null, "tok",
                List.of());

        assertThat(request.headers()).doesNotContainKeys("X-Wandb-Signature", "webhook-signature")
                .containsEntry("webhook-id", "id-3")
                .containsEntry("Authorization", "Bearer tok")
                .containsEntry("Content-Type", "application/json");
    }

    private static Map<String, List<String>> lowerCase(Map<String, String> headers) {
        return headers.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().toLowerCase(), e -> List.of(e.getValue())));
    }
}
