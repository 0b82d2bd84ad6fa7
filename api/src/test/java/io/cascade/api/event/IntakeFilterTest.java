package io.cascade.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.engine.common.IntakePriority;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** An event submission counts as being received from before sign-in until its answer, even a failed one; nothing else counts. */
class IntakeFilterTest {

    private final IntakePriority priority = new IntakePriority(1, Duration.ZERO);
    private final IntakeFilter filter = new IntakeFilter(priority);
    private final AtomicInteger seenDuring = new AtomicInteger(-1);

    @Test
    void aSubmissionCountsWhileItIsServed() throws Exception {
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/events"), new MockHttpServletResponse(),
                (request, response) -> seenDuring.set(priority.beingReceived()));

        assertThat(seenDuring.get()).isEqualTo(1);
        assertThat(priority.beingReceived()).isZero();
    }

    @Test
    void aBatchCountsAndAFailedSubmissionStopsCounting() {
        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/events/batch"),
                new MockHttpServletResponse(), (request, response) -> {
                    seenDuring.set(priority.beingReceived());
                    throw new ServletException("failed");
                })).isInstanceOf(ServletException.class);

        assertThat(seenDuring.get()).isEqualTo(1);
        assertThat(priority.beingReceived()).isZero();
    }

    @Test
    void otherRequestsDoNotCount() throws Exception {
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/events/e-1"), new MockHttpServletResponse(),
                (request, response) -> seenDuring.set(priority.beingReceived()));

        assertThat(seenDuring.get()).isZero();
    }
}
