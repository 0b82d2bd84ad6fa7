package io.cascade.api.event;

import io.cascade.engine.common.IntakePriority;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Counts the event submissions being served, from before sign-in to the answer, for
 * {@link IntakePriority}: background work gives way while enough of them are.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeFilter extends EventSubmissionFilter {

    private final IntakePriority priority;

    IntakeFilter(IntakePriority priority) {
        this.priority = priority;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        priority.receiving();
        try {
            chain.doFilter(request, response);
        } finally {
            priority.answered();
        }
    }
}
