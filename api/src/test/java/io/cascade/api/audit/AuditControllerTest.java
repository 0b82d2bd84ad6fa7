package io.cascade.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.audit.AuditFilter;
import io.cascade.engine.audit.AuditPage;
import io.cascade.engine.audit.AuditQueries;
import io.cascade.engine.team.TeamRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;

/** The audit log without the engine: how the parameters are read and who may read it. */
@WebMvcTest(AuditController.class)
class AuditControllerTest extends ControllerSlice {

    @org.springframework.test.context.bean.override.mockito.MockitoBean
    AuditQueries audit;

    @Test
    void aTimeWithoutOffsetOrALimitOutsideItsRangeIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.ADMIN);

        mvc.perform(get("/api/v1/teams/acme/audit").param("to", "yesterday")).andExpect(problemNaming("to"));
        mvc.perform(get("/api/v1/teams/acme/audit").param("limit", "0")).andExpect(problemNaming("limit"));
        mvc.perform(get("/api/v1/teams/acme/audit").param("cursor", "not-a-cursor"))
                .andExpect(problemNaming("cursor"));

        verifyNoInteractions(audit);
    }

    @Test
    void aTeamAdminReadsTheTeamsAuditLog() throws Exception {
        grant(TeamRole.ADMIN);
        when(audit.list(eq(ACME), any())).thenReturn(new AuditPage(List.of(), "next-page"));

        mvc.perform(get("/api/v1/teams/acme/audit").param("actor", "alice").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nextCursor").value("next-page"));

        ArgumentCaptor<AuditFilter> filter = ArgumentCaptor.forClass(AuditFilter.class);
        verify(audit).list(eq(ACME), filter.capture());
        assertThat(filter.getValue().actor()).isEqualTo("alice");
        assertThat(filter.getValue().limit()).isEqualTo(5);
        verify(access).require(BOB, "acme", TeamRole.ADMIN);
    }

    @Test
    void aMemberCannotReadTheTeamsAuditLog() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(get("/api/v1/teams/acme/audit")).andExpect(status().isNotFound());

        verifyNoInteractions(audit);
    }

    @Test
    void theChangesOutsideTeamsAreForSystemAdministratorsOnly() throws Exception {
        mvc.perform(get("/api/v1/audit")).andExpect(status().isForbidden());

        verifyNoInteractions(audit);
    }

    @Test
    @WithMockUser(username = "root", roles = "SYSTEM_ADMIN")
    void aSystemAdministratorReadsTheChangesOutsideTeams() throws Exception {
        when(audit.listOutsideTeams(any())).thenReturn(new AuditPage(List.of(), null));

        mvc.perform(get("/api/v1/audit")).andExpect(status().isOk()).andExpect(jsonPath("$.entries").isEmpty());

        verify(audit).listOutsideTeams(any());
    }
}
