package io.cascade.engine.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the receiver answered (status, headers, body cut to 4 KB), or the error that stopped the
 * attempt; the request's secrets are masked in all of it.
 */
public record ReceiverResponse(Integer status, Map<String, String> headers, String body, long durationMs, String error) {

    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    /** Connection errors, timeouts, 408, 425, 429, 5xx and redirects (never followed) are worth another try. */
    boolean retryable() {
        if (status == null) {
            return true;
        }
        return status == 408 || status == 425 || status == 429 || status >= 500 || (status >= 300 && status < 400);
    }

    public boolean gone() {
        return status != null && status == 410;
    }

    /** A one-line account of a failed attempt for history and Cockpit. */
    public String failure() {
        if (error != null) {
            return error;
        }
        return "receiver answered HTTP " + status;
    }

    /** The receiver's Retry-After (delay-seconds or an HTTP date) on a 429 or 503, else null. */
    Duration retryAfter() {
        if (status == null || (status != 429 && status != 503)) {
            return null;
        }
        String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
