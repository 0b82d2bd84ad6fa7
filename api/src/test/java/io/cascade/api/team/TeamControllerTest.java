package io.cascade.api.team;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.team.TeamService;
import io.cascade.engine.team.TeamService.Member;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Teams, members and projects without the engine: how the body is read and the role each call asks for. */
@WebMvcTest(TeamController.class)
class TeamControllerTest extends ControllerSlice {

    @MockitoBean
    TeamService teams;
    @MockitoBean
    ProjectService projects;

    @Test
    void aRoleThatIsNoTextIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.ADMIN);

        mvc.perform(put("/api/v1/teams/acme/members/carol").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\": [\"MEMBER\"]}"))
                .andExpect(problemNaming("role"));

        verifyNoInteractions(teams);
    }

    @Test
    void settingAMemberNeedsTheAdminRole() throws Exception {
        grant(TeamRole.ADMIN);
        when(teams.setMember(ACME, "carol", "MEMBER")).thenReturn(new Member("carol", TeamRole.MEMBER));

        mvc.perform(put("/api/v1/teams/acme/members/carol").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\": \"MEMBER\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("carol"))
                .andExpect(jsonPath("$.role").value("MEMBER"));

        verify(access).require(BOB, "acme", TeamRole.ADMIN);
    }

    @Test
    void aMemberCannotSetMembers() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(put("/api/v1/teams/acme/members/carol").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\": \"ADMIN\"}"))
                .andExpect(status().isNotFound());

        verifyNoInteractions(teams);
    }

    @Test
    void aMemberCreatesAProject() throws Exception {
        grant(TeamRole.MEMBER);
        UUID id = UUID.randomUUID();
        when(projects.create(ACME, "churn")).thenReturn(new Project(id, ACME.id(), "churn"));

        mvc.perform(post("/api/v1/teams/acme/projects").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"churn\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/teams/acme/projects/churn"))
                .andExpect(jsonPath("$.id").value(id.toString()));
    }

    @Test
    void aViewerListsTheMembers() throws Exception {
        grant(TeamRole.VIEWER);
        when(teams.members(ACME)).thenReturn(List.of(new Member("bob", TeamRole.VIEWER)));

        mvc.perform(get("/api/v1/teams/acme/members"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].username").value("bob"));
    }

    @Test
    void onlyASystemAdministratorCreatesTeams() throws Exception {
        mvc.perform(post("/api/v1/teams").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"globex\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));

        verify(teams, org.mockito.Mockito.never()).create(any());
    }
}
