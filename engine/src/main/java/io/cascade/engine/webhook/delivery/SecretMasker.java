package io.cascade.engine.webhook.delivery;

import io.cascade.engine.payload.PayloadRenderer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Masks the secret values one request used wherever the receiver's answer repeats them: a receiver
 * may echo the request, and its answer is stored in history and shown by the test button. The mask
 * is the one stored payloads use.
 */
final class SecretMasker {

    private final List<String> forms;
    private final int longestInBytes;

    SecretMasker(Collection<String> values) {
        // each value as sent, as a rendered payload carries it (JSON-escaped), and as receivers commonly
        // echo it: with "/" escaped (PHP's json_encode) or URL-encoded. Other spellings are not recognised.
        this.forms = values.stream()
                .filter(value -> value != null && !value.isEmpty())
                .flatMap(value -> Stream.of(value, PayloadRenderer.escaped(value),
                        PayloadRenderer.escaped(value).replace("/", "\\/"),
                        URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .distinct()
                .toList();
        this.longestInBytes = forms.stream().mapToInt(form -> form.getBytes(StandardCharsets.UTF_8).length)
                .max().orElse(0);
    }

    /**
     * Masks the signing secret, the access token, every team secret the body carries, and the URL's
     * path and query: a Slack or Teams URL is itself a credential, and error pages often repeat the path.
     */
    static SecretMasker forRequest(String url, String body, Collection<String> teamSecrets, String signingSecret,
                                   String accessToken) {
        List<String> used = new ArrayList<>();
        used.add(signingSecret);
        used.add(accessToken);
        used.addAll(pathOf(url));
        teamSecrets.stream()
                .filter(value -> value != null && !value.isEmpty() && body.contains(PayloadRenderer.escaped(value)))
                .forEach(used::add);
        return new SecretMasker(used);
    }

    /** The URL's path with its query, and the path alone, raw and decoded; nothing for a path of "/" or none. */
    private static List<String> pathOf(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return List.of();
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            return List.of();
        }
        List<String> forms = new ArrayList<>(List.of(path, uri.getPath()));
        if (uri.getRawQuery() != null) {
            forms.add(0, path + "?" + uri.getRawQuery());
        }
        return forms;
    }

    /** The text with every occurrence of a secret replaced by the mask. */
    String mask(String text) {
        return text == null ? null : mask(text, text.length());
    }

    /**
     * The first {@code limit} characters of the text, masked. A secret that starts before the limit
     * is masked whole, so a text cut at the limit never ends in part of one, provided it runs
     * {@link #longestInBytes()} past the limit. Overlapping secrets become one mask.
     */
    String mask(String text, int limit) {
        boolean[] secret = new boolean[text.length()];
        for (String form : forms) {
            for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
                Arrays.fill(secret, at, at + form.length(), true);
            }
        }
        int end = Math.min(limit, text.length());
        StringBuilder masked = new StringBuilder(end);
        for (int i = 0; i < end; ) {
            if (!secret[i]) {
                masked.append(text.charAt(i++));
                continue;
            }
            masked.append(PayloadRenderer.MASK);
            while (i < secret.length && secret[i]) {
                i++;
            }
        }
        return masked.toString();
    }

    /** Header names and values, masked. */
    Map<String, String> mask(Map<String, String> headers) {
        Map<String, String> masked = new LinkedHashMap<>();
        headers.forEach((name, value) -> masked.merge(mask(name), Objects.toString(mask(value), ""),
                (a, b) -> a + ", " + b));
        return masked;
    }

    /** How far past a cut a text must run for a secret that straddles the cut to be recognised. */
    int longestInBytes() {
        return longestInBytes;
    }
}
