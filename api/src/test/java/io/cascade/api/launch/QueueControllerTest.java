package io.cascade.api.launch;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.execution.ExecutionQueries;
import io.cascade.engine.execution.RunStatus;
import io.cascade.engine.launch.Queue;
import io.cascade.engine.launch.QueueService;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A team's launch queues without the engine: how the body and parameters are read, the role each call asks for. */
@WebMvcTest(QueueController.class)
class QueueControllerTest extends ControllerSlice {

    @MockitoBean
    QueueService queues;
    @MockitoBean
    ExecutionQueries executions;

    @Test
    void aDescriptionThatIsNoTextIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.ADMIN);

        mvc.perform(post("/api/v1/teams/acme/queues").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"gpu\", \"description\": {\"text\": \"big\"}}"))
                .andExpect(problemNaming("description"));

        verifyNoInteractions(queues);
    }

    @Test
    void anAdminCreatesAQueue() throws Exception {
        grant(TeamRole.ADMIN);
        when(queues.create(ACME, "gpu", "the big machines"))
                .thenReturn(new Queue(UUID.randomUUID(), "gpu", "the big machines", OffsetDateTime.now()));

        mvc.perform(post("/api/v1/teams/acme/queues").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"gpu\", \"description\": \"the big machines\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/teams/acme/queues/gpu"))
                .andExpect(jsonPath("$.name").value("gpu"));

        verify(access).require(BOB, "acme", TeamRole.ADMIN);
    }

    @Test
    void aMemberCannotCreateAQueue() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(post("/api/v1/teams/acme/queues").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"gpu\"}"))
                .andExpect(status().isNotFound());

        verifyNoInteractions(queues);
    }

    @Test
    void aRunLimitOutsideItsRangeOrAnUnknownStatusIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(get("/api/v1/teams/acme/queues/gpu/runs").param("limit", "201")).andExpect(problemNaming("limit"));
        mvc.perform(get("/api/v1/teams/acme/queues/gpu/runs").param("status", "DONE"))
                .andExpect(problemNaming("status"));

        verifyNoInteractions(executions);
    }

    @Test
    void aRunLimitThatIsNoNumberIsAProblemNamingIt() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(get("/api/v1/teams/acme/queues/gpu/runs").param("limit", "ten"))
                .andExpect(problemNaming("limit"))
                .andExpect(jsonPath("$.detail").value("limit must be a whole number, not 'ten'"));

        verifyNoInteractions(executions);
    }

    @Test
    void aViewerReadsTheRunsOfAQueue() throws Exception {
        grant(TeamRole.VIEWER);
        when(executions.runs(ACME.id(), "gpu", RunStatus.QUEUED, 10)).thenReturn(List.of());

        mvc.perform(get("/api/v1/teams/acme/queues/gpu/runs").param("status", "QUEUED").param("limit", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());

        verify(executions).runs(ACME.id(), "gpu", RunStatus.QUEUED, 10);
        verify(queues).require(ACME, "gpu");
    }
}
