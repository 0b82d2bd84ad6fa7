package io.cascade.api.problem;

import io.cascade.engine.common.ProblemException;
import io.cascade.engine.common.RetryLaterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error that reaches a client into a problem detail a person can act on. It extends
 * Spring's handler (which then replaces Boot's default one) so that its unreadable-body answer,
 * naming the field, is the one that runs, and Spring's own errors keep their statuses.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ObjectProvider<DatabaseAvailability> availability;

    ApiExceptionHandler(ObjectProvider<DatabaseAvailability> availability) {
        this.availability = availability;
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e) {
        return Problems.of(e);
    }

    /** Nothing was done; Retry-After says when the same request is worth sending again. */
    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
        return ResponseEntity.status(e.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem(e));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String given = e.getContentType() == null ? "a missing Content-Type" : "Content-Type " + e.getContentType();
        return ResponseEntity.status(415).headers(headers)
                .body(Problems.of(415, "Unsupported media type", given + UnsupportedBodyFilter.DETAIL_SUFFIX, null));
    }

    /** A query or path parameter of the wrong type (limit=ten): 400 naming the parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : e.getPropertyName();
        String value = String.valueOf(e.getValue());
        String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        String expected = e.getRequiredType() == null ? "another type" : typeName(e.getRequiredType());
        return ResponseEntity.status(400).body(Problems.of(400, "Invalid input",
                name + " must be " + expected + ", not '" + shown + "'", name));
    }

    /** A required query parameter left out: 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.status(400).body(Problems.of(400, "Invalid input",
                e.getParameterName() + " is required", e.getParameterName()));
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "Instant", "OffsetDateTime" -> "an ISO-8601 date and time, e.g. 2026-12-01T10:00:00Z";
            default -> "a " + type.getSimpleName();
        };
    }

    private ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof ProblemException problem) {
                return problem(problem);
            }
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return invalidJson(e.getCause());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return Problems.of(413, "Payload too large", e.getMessage(), null);
    }

    /** Two requests raced to create the same thing; the loser is told so. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        log.info("concurrent duplicate refused: {}", e.getMostSpecificCause().getMessage());
        return Problems.of(409, "Conflict", "a resource with this name or id was created at the same time; retry", null);
    }

    /**
     * Anything unforeseen: logged in full here, shown to the client without internals. A database
     * outage is foreseen: one line, and 503 with Retry-After.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        DatabaseAvailability database = availability.getIfAvailable();
        if (database != null ? database.explains(e) : DatabaseUnavailable.causedBy(e)) {
            log.warn("database unreachable, answered 503: {}", DatabaseUnavailable.reason(e));
            return DatabaseUnavailable.answer();
        }
        log.error("request failed", e);
        return ResponseEntity.status(500).body(
                Problems.of(500, "Internal error", "the server failed to handle this request; the error is logged", null));
    }

    private static ProblemDetail invalidJson(Throwable cause) {
        return Problems.ofUnreadable(cause);
    }
}
