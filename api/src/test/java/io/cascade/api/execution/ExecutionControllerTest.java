package io.cascade.api.execution;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.execution.ExecutionQueries;
import io.cascade.engine.execution.HistoryQueries;
import io.cascade.engine.execution.ExecutionView;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.webhook.delivery.Redelivery;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Execution history and redelivery without the engine: the role each call asks for, and bad parameters. */
@WebMvcTest({ExecutionController.class, HistoryController.class})
class ExecutionControllerTest extends ControllerSlice {

    @MockitoBean
    ExecutionQueries queries;
    @MockitoBean
    HistoryQueries history;
    @MockitoBean
    CockpitLinks cockpit;
    @MockitoBean
    Redelivery redelivery;
    @MockitoBean
    ProjectService projects;

    @Test
    void anUnknownStatusIsAProblemNamingTheField() throws Exception {
        when(access.require(BOB, "acme", TeamRole.VIEWER)).thenReturn(ACME);
        when(projects.require(ACME, "churn")).thenReturn(new Project(UUID.randomUUID(), ACME.id(), "churn"));

        mvc.perform(get("/api/v1/teams/acme/projects/churn/executions").param("status", "DONE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));

        verifyNoInteractions(history);
    }

    @Test
    void redeliveryNeedsTheMemberRoleInTheExecutionsTeam() throws Exception {
        UUID id = UUID.randomUUID();
        when(queries.teamOf(id)).thenReturn("acme");
        when(access.require(BOB, "acme", TeamRole.MEMBER)).thenReturn(ACME);
        when(access.holds(BOB, ACME, TeamRole.ADMIN)).thenReturn(true);
        when(queries.get(id)).thenReturn(new ExecutionView(id, "acme", "churn", "PENDING", null, null, null, 1,
                List.of(), null, null, null, null, null, null));

        mvc.perform(post("/api/v1/executions/{id}/redeliver", id).with(csrf()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"));

        verify(access).require(eq(BOB), eq("acme"), eq(TeamRole.MEMBER));
        verify(redelivery).redeliver(id, "acme");
    }

    @Test
    void anIdThatIsNoUuidIsNotFoundAndRedeliversNothing() throws Exception {
        mvc.perform(post("/api/v1/executions/not-a-uuid/redeliver").with(csrf())).andExpect(status().isNotFound());

        verifyNoInteractions(redelivery);
        verify(access, never()).require(any(), any(), any());
    }
}
