package io.cascade.api.event;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/** A filter for the requests that submit events only: {@code POST /api/v1/events} and {@code /api/v1/events/batch}. */
public abstract class EventSubmissionFilter extends OncePerRequestFilter {

    @Override
    protected final boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && ("/api/v1/events".equals(request.getRequestURI())
                || "/api/v1/events/batch".equals(request.getRequestURI())));
    }
}
