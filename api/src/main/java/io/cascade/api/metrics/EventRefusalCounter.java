package io.cascade.api.metrics;

import io.cascade.api.event.EventSubmissionFilter;
import io.cascade.engine.metrics.CascadeMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Counts refused event submissions by the status they were answered with (a batch: when the whole
 * batch was refused; the events a batch refuses one by one are counted by its controller). It sits in front of
 * every other filter, so a refusal counts whether the size cap, the sign-in, the JSON reader or the
 * service refused it; the reason comes from a fixed set, so the meter stays small.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EventRefusalCounter extends EventSubmissionFilter {

    private final CascadeMetrics metrics;

    EventRefusalCounter(CascadeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (response.getStatus() >= 400) {
                metrics.eventRefused(reason(response.getStatus()));
            }
        }
    }

    /** The refusal's reason for a status: one of a fixed set, so the meter stays small. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "error" : "other";
        };
    }
}
