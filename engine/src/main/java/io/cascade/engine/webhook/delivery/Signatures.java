package io.cascade.engine.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/** The two signatures a receiver can check: the reference's X-Wandb-Signature, and Standard Webhooks v1. */
final class Signatures {

    static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";

    private Signatures() {
    }

    /** base64(HMAC-SHA256(secret, body)): what the reference's openssl script computes. */
    static String wandb(String secret, byte[] body) {
        return base64(new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret.getBytes(StandardCharsets.UTF_8)).hmac(body));
    }

    /** "v1," + base64(HMAC-SHA256(key, id.timestamp.body)); a whsec_ secret is base64-decoded into the key. */
    static String standardWebhooks(String secret, String id, long timestamp, byte[] body) {
        byte[] key = secret.startsWith(STANDARD_WEBHOOKS_PREFIX)
                ? Base64.getDecoder().decode(secret.substring(STANDARD_WEBHOOKS_PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + base64(new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmac(signed));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
