package io.cascade.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.execution.HistoryFilter;
import io.cascade.engine.execution.HistoryPage;
import io.cascade.engine.execution.HistoryQueries;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A team's execution history without the engine: how the parameters are read and the role asked for. */
@WebMvcTest(HistoryController.class)
class HistoryControllerTest extends ControllerSlice {

    @MockitoBean
    HistoryQueries history;
    @MockitoBean
    ProjectService projects;

    @Test
    void aLimitOutsideItsRangeIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(get("/api/v1/teams/acme/executions").param("limit", "0")).andExpect(problemNaming("limit"));

        verifyNoInteractions(history);
    }

    @Test
    void aTimeWithoutOffsetIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(get("/api/v1/teams/acme/executions").param("from", "2030-01-31")).andExpect(problemNaming("from"));

        verifyNoInteractions(history);
    }

    @Test
    void aViewerReadsTheHistoryWithTheFilterAsGiven() throws Exception {
        grant(TeamRole.VIEWER);
        when(history.list(eq(ACME.id()), org.mockito.ArgumentMatchers.any()))
                .thenReturn(new HistoryPage(List.of(), "next-page"));

        mvc.perform(get("/api/v1/teams/acme/executions").param("status", "FAILED")
                        .param("from", "2030-01-31T00:00:00Z").param("limit", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.nextCursor").value("next-page"));

        ArgumentCaptor<HistoryFilter> filter = ArgumentCaptor.forClass(HistoryFilter.class);
        verify(history).list(eq(ACME.id()), filter.capture());
        assertThat(filter.getValue().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(filter.getValue().from()).isEqualTo(OffsetDateTime.parse("2030-01-31T00:00:00Z"));
        assertThat(filter.getValue().limit()).isEqualTo(20);
        assertThat(filter.getValue().projectId()).isNull();
        verify(access).require(BOB, "acme", TeamRole.VIEWER);
    }
}
