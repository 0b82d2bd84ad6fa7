package io.cascade.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies (256 KB by default; a batch of events, 8 MB): a declared length over the
 * cap is answered 413 at once; a chunked body is counted as it is read and stopped at the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // behind EventRefusalCounter, which counts its 413s
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final String BATCH_PATH = "/api/v1/events/batch";

    private final long maxBytes;
    private final long maxBatchBytes;

    RequestSizeLimitFilter(@Value("${cascade.api.max-body-bytes:262144}") long maxBytes,
                           @Value("${cascade.api.max-batch-body-bytes:8388608}") long maxBatchBytes) {
        this.maxBytes = maxBytes;
        this.maxBatchBytes = maxBatchBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = BATCH_PATH.equals(request.getRequestURI()) ? maxBatchBytes : this.maxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
                    + "\"detail\":\"the request body must be at most " + maxBytes + " bytes\"}");
            return;
        }
        chain.doFilter(new CappedRequest(request, maxBytes), response);
    }

    private static final class CappedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;

        CappedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > maxBytes) {
                        throw new PayloadTooLargeException("the request body must be at most " + maxBytes + " bytes");
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
