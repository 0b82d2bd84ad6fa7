package io.cascade.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 503 with Retry-After for a database outage that escapes the handlers: above all the password
 * check of every authenticated request (Basic, form login, engine-rest), which runs in Spring
 * Security's filters, before any controller advice could answer. While {@link DatabaseAvailability}
 * knows the database is out of reach, requests that need it are answered 503 here at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ObjectProvider<DatabaseAvailability> availability;
    /** Looked up on the first request: asking the bean factory on every request was 4% of its CPU. */
    private volatile Optional<DatabaseAvailability> database;

    DatabaseUnavailableFilter(ObjectProvider<DatabaseAvailability> availability) {
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DatabaseAvailability database = database();
        if (database != null && database.unreachable() && needsTheDatabase(request)) {
            DatabaseUnavailable.write(response); // logged once, by DatabaseAvailability
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            boolean unreachable = database != null ? database.explains(e) : DatabaseUnavailable.causedBy(e);
            if (!unreachable || response.isCommitted()) {
                throw e;
            }
            log.warn("database unreachable, answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(),
                    DatabaseUnavailable.reason(e));
            DatabaseUnavailable.write(response);
        }
    }

    private DatabaseAvailability database() {
        Optional<DatabaseAvailability> known = database;
        if (known == null) {
            known = Optional.ofNullable(availability.getIfAvailable());
            database = known;
        }
        return known.orElse(null);
    }

    /**
     * The API, sign-in, the engine's REST API and Cockpit. Not health (it reports the database state
     * itself), static files, or the CSRF token a sign-in form needs before it can even try.
     */
    private static boolean needsTheDatabase(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.startsWith("/api/") && !path.equals("/api/v1/csrf")) || path.startsWith("/engine-rest/")
                || path.equals("/login") || path.startsWith("/camunda/");
    }
}
