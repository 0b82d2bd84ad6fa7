package io.cascade.engine.webhook.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.nio.AsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.AbstractBinDataConsumer;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * Sends a prepared request through the SSRF-guarded non-blocking client and reports what happened,
 * never failing: while the request is out it holds a connection, no thread. The report masks the
 * request's secrets, so an answer that echoes the request cannot leak them.
 */
final class WebhookSender implements AutoCloseable {

    static final int MAX_BODY = 4096;

    private final CloseableHttpAsyncClient client;

    WebhookSender(CloseableHttpAsyncClient client) {
        this.client = client;
    }

    /** Completes when the receiver has answered or the attempt failed; never exceptionally. */
    CompletableFuture<ReceiverResponse> send(OutgoingRequest request) {
        CompletableFuture<ReceiverResponse> answered = new CompletableFuture<>();
        send(request, System.nanoTime(), true, answered);
        return answered;
    }

    /**
     * One exchange. A pooled connection the receiver closed while it was idle fails the request before
     * any byte of it left ({@link RequestNotExecutedException}); that request is sent once more, on
     * another connection, within the same attempt, rather than counted as a failed delivery.
     */
    private void send(OutgoingRequest request, long start, boolean mayResend,
                      CompletableFuture<ReceiverResponse> answered) {
        SecretMasker masker = request.masker();
        try {
            SimpleHttpRequest post = SimpleRequestBuilder.post(request.url())
                    .setBody(request.body(), ContentType.APPLICATION_JSON)
                    .build();
            request.headers().forEach(post::setHeader);
            client.execute(SimpleRequestProducer.create(post), new CappedResponse(masker, start), null,
                    new FutureCallback<>() {
                        @Override
                        public void completed(ReceiverResponse response) {
                            answered.complete(response);
                        }

                        @Override
                        public void failed(Exception e) {
                            if (mayResend && e instanceof RequestNotExecutedException) {
                                send(request, start, false, answered);
                            } else {
                                answered.complete(failure(e, masker, start));
                            }
                        }

                        @Override
                        public void cancelled() {
                            answered.complete(new ReceiverResponse(null, Map.of(), null, elapsed(start),
                                    "request cancelled (the node is stopping)"));
                        }
                    });
        } catch (RuntimeException e) {
            answered.complete(failure(e, masker, start));
        }
    }

    private static ReceiverResponse failure(Exception e, SecretMasker masker, long start) {
        return new ReceiverResponse(null, Map.of(), null, elapsed(start), masker.mask(describe(e)));
    }

    static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** The status, headers and the first MAX_BODY bytes of the body, masked; the rest is read and dropped. */
    private static final class CappedResponse extends AbstractAsyncResponseConsumer<ReceiverResponse, byte[]> {

        private final SecretMasker masker;
        private final long start;

        CappedResponse(SecretMasker masker, long start) {
            super(new CappedBody(MAX_BODY + masker.longestInBytes()));
            this.masker = masker;
            this.start = start;
        }

        @Override
        protected ReceiverResponse buildResult(HttpResponse response, byte[] body, ContentType contentType) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
            }
            return new ReceiverResponse(response.getCode(), masker.mask(headers), masked(body, masker),
                    elapsed(start), null);
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
            // 1xx answers carry nothing a webhook delivery reads
        }

        /**
         * The first MAX_BODY bytes, masked. Reads on by the longest secret, so one that straddles the cut
         * is still recognised and masked whole.
         */
        private static String masked(byte[] bytes, SecretMasker masker) {
            if (bytes == null) {
                return "";
            }
            int cut = Math.min(bytes.length, MAX_BODY);
            while (cut > 0 && cut < bytes.length && (bytes[cut] & 0xC0) == 0x80) {
                cut--; // a UTF-8 continuation byte: cut before the character it belongs to
            }
            int limit = new String(bytes, 0, cut, StandardCharsets.UTF_8).length();
            return masker.mask(new String(bytes, StandardCharsets.UTF_8), limit);
        }
    }

    /** Keeps the first {@code cap} bytes of a body. */
    private static final class CappedBody extends AbstractBinDataConsumer implements AsyncEntityConsumer<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private FutureCallback<byte[]> resultCallback;
        private byte[] result;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public void streamStart(EntityDetails entityDetails,
                                FutureCallback<byte[]> resultCallback) {
            this.resultCallback = resultCallback;
        }

        @Override
        protected int capacityIncrement() {
            return 8192;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            int room = cap - kept.size();
            if (room > 0) {
                int take = Math.min(room, src.remaining());
                byte[] chunk = new byte[take];
                src.get(chunk);
                kept.write(chunk, 0, take);
            }
            src.position(src.limit()); // the rest is read and dropped
        }

        @Override
        protected void completed() {
            result = kept.toByteArray();
            if (resultCallback != null) {
                resultCallback.completed(result);
            }
        }

        @Override
        public void failed(Exception cause) {
            if (resultCallback != null) {
                resultCallback.failed(cause);
            }
        }

        @Override
        public byte[] getContent() {
            return result;
        }

        @Override
        public void releaseResources() {
        }
    }
}
