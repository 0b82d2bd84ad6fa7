package io.cascade.engine.webhook.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Sends a prepared request through the SSRF-guarded client and reports what happened, never throwing.
 * The report masks the request's secrets, so an answer that echoes the request cannot leak them.
 */
final class WebhookSender {

    static final int MAX_BODY = 4096;

    private final CloseableHttpClient client;

    public WebhookSender(CloseableHttpClient client) {
        this.client = client;
    }

    public ReceiverResponse send(OutgoingRequest request) {
        SecretMasker masker = request.masker();
        long start = System.nanoTime();
        try {
            HttpPost post = new HttpPost(request.url());
            request.headers().forEach(post::setHeader);
            post.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
            return client.execute(post, response -> {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
                }
                String body = response.getEntity() == null ? ""
                        : readCapped(response.getEntity().getContent(), masker);
                return new ReceiverResponse(response.getCode(), masker.mask(headers), body, elapsed(start), null);
            });
        } catch (IOException | IllegalArgumentException e) {
            return new ReceiverResponse(null, Map.of(), null, elapsed(start), masker.mask(describe(e)));
        }
    }

    /**
     * The first MAX_BODY bytes, masked. Reads on by the longest secret, so one that straddles the cut
     * is still recognised and masked whole.
     */
    private static String readCapped(InputStream in, SecretMasker masker) throws IOException {
        if (in == null) {
            return "";
        }
        byte[] bytes = in.readNBytes(MAX_BODY + masker.longestInBytes());
        int cut = Math.min(bytes.length, MAX_BODY);
        while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xC0) == 0x80) {
            cut--; // a UTF-8 continuation byte: cut before the character it belongs to
        }
        int limit = new String(bytes, 0, cut, StandardCharsets.UTF_8).length();
        return masker.mask(new String(bytes, StandardCharsets.UTF_8), limit);
    }

    static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
