package io.cascade.api.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.metrics.CascadeMetrics;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * What the {@code @WebMvcTest} slices of the controllers share: bob signed in (no system administrator),
 * his team acme, and {@link TeamAccess} mocked so that a test says which role bob holds.
 */
@WithMockUser("bob")
public abstract class ControllerSlice {

    protected static final Caller BOB = new Caller("bob", false);
    protected static final Team ACME = new Team(UUID.randomUUID(), "acme");

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected TeamAccess access;
    @MockitoBean
    protected CascadeMetrics metrics;
    @MockitoBean
    protected IntakePriority intake;

    /**
     * Lets bob into acme when a call asks for exactly this role; any other role asked for is refused
     * the way TeamAccess refuses an outsider (404), so a call that asks for the wrong role fails.
     */
    protected void grant(TeamRole role) {
        doThrow(new NotFoundException("team acme not found")).when(access).require(any(), any(), any());
        doReturn(ACME).when(access).require(BOB, "acme", role);
    }

    /** A 400 RFC 9457 problem detail naming the field. */
    protected static ResultMatcher problemNaming(String field) {
        return ResultMatcher.matchAll(
                status().isBadRequest(),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.status").value(400),
                jsonPath("$.field").value(field));
    }
}
