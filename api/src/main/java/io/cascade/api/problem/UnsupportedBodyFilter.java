package io.cascade.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 for API bodies Spring MVC fails on before any handler runs: a multipart body (the
 * API takes JSON only, and a malformed one breaks multipart parsing) and a wildcard Content-Type
 * (any type or any subtype), which Spring refuses to read as a request header. Runs after
 * authentication (no order given), so a caller without credentials still gets 401 first.
 */
@Component
class UnsupportedBodyFilter extends OncePerRequestFilter {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    static final String DETAIL_SUFFIX = " is not supported; send the body as application/json";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || request.getContentType() == null
                || !BODY_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (unsupported(request.getContentType())) {
            response.setStatus(415);
            response.setHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unsupported media type\",\"status\":415,"
                    + "\"detail\":\"this Content-Type" + DETAIL_SUFFIX + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean unsupported(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException unparsable) {
            return false; // Spring reads it as no Content-Type and answers 415 itself
        }
        return type.isWildcardType() || type.isWildcardSubtype() || "multipart".equalsIgnoreCase(type.getType());
    }
}
