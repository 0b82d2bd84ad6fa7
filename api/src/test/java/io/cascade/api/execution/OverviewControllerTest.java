package io.cascade.api.execution;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.execution.Overview;
import io.cascade.engine.execution.OverviewQueries;
import io.cascade.engine.execution.OverviewRange;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.webhook.DisabledWebhooks;
import io.cascade.engine.webhook.WebhookAction;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The overview without the engine: how the range is read and the role asked for. */
@WebMvcTest(OverviewController.class)
class OverviewControllerTest extends ControllerSlice {

    @MockitoBean
    OverviewQueries overviews;
    @MockitoBean
    ProjectService projects;
    @MockitoBean
    DisabledWebhooks disabledWebhooks;

    @Test
    void anUnknownRangeIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(get("/api/v1/teams/acme/overview").param("range", "1y")).andExpect(problemNaming("range"));

        verifyNoInteractions(overviews);
    }

    @Test
    void aViewerReadsTheOverviewOfTheRangeAsked() throws Exception {
        grant(TeamRole.VIEWER);
        OffsetDateTime now = OffsetDateTime.now();
        when(disabledWebhooks.of(ACME.id())).thenReturn(List.of(new DisabledWebhooks.Disabled("ci", "gone", now)));
        when(overviews.overview(eq(ACME.id()), eq(null), eq(OverviewRange.LAST_7_DAYS), eq(WebhookAction.TYPE), any()))
                .thenReturn(new Overview("7d", "PT1H", now, List.of(), 0.5, 40L, 90L, List.of(), List.of(),
                        List.of(new Overview.DisabledWebhook("ci", "gone", now))));

        mvc.perform(get("/api/v1/teams/acme/overview").param("range", "7d"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.range").value("7d"))
                .andExpect(jsonPath("$.successRate").value(0.5));

        verify(overviews).overview(ACME.id(), null, OverviewRange.LAST_7_DAYS, WebhookAction.TYPE,
                List.of(new Overview.DisabledWebhook("ci", "gone", now)));
        verify(access).require(BOB, "acme", TeamRole.VIEWER);
    }
}
