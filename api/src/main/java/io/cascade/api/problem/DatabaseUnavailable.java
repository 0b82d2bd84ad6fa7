package io.cascade.api.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/**
 * PostgreSQL out of reach (refused, timed out, restarting, shut down): nothing was done, and the
 * same request is worth sending again soon. Recognised anywhere in the cause chain, because Camunda,
 * MyBatis, Spring and Hikari each wrap the driver's exception in their own.
 */
final class DatabaseUnavailable {

    static final long RETRY_AFTER_SECONDS = 5;
    static final String DETAIL = "the database is unreachable; nothing was done, retry in a few seconds";

    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable failure) {
        return causedBy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Follows causes, and also what a failed rollback hides: the transaction's own failure (the
     * one naming the lost connection) is kept aside as the application exception or as suppressed.
     */
    private static boolean causedBy(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLTransientConnectionException) {
            return true; // the pool found no live connection within its timeout
        }
        if (failure instanceof SQLException sql && unreachable(sql.getSQLState())) {
            return true;
        }
        if (failure instanceof TransactionSystemException rollback && causedBy(rollback.getApplicationException(), seen)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (causedBy(suppressed, seen)) {
                return true;
            }
        }
        return causedBy(failure.getCause(), seen);
    }

    /**
     * The pool's own "Connection is closed": the connection was evicted from the pool, which Hikari does
     * when a statement on it failed with a connection-level error. Alone it does not say why (a bug
     * could use a returned connection too), so {@link DatabaseAvailability} asks the database.
     */
    static boolean closedConnection(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is a connection failure; 57P01-57P03 a server shutting down, crashed or
     * starting; 53300 a server refusing more connections.
     */
    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }

    static ResponseEntity<ProblemDetail> answer() {
        return ResponseEntity.status(503)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(Problems.of(503, "Service unavailable", DETAIL, null));
    }

    static void write(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(503);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
                + "\"detail\":\"" + DETAIL + "\"}");
    }
}
