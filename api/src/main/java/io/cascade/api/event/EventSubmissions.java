package io.cascade.api.event;

import jakarta.servlet.http.HttpServletRequest;

/** The requests that submit events: {@code POST /api/v1/events} and {@code POST /api/v1/events/batch}. */
public final class EventSubmissions {

    private EventSubmissions() {
    }

    public static boolean isOne(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && ("/api/v1/events".equals(request.getRequestURI())
                || "/api/v1/events/batch".equals(request.getRequestURI()));
    }
}
