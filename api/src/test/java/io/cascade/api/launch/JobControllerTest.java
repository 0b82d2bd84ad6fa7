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
import io.cascade.engine.launch.Job;
import io.cascade.engine.launch.JobService;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A project's launch jobs without the engine: how the body is read and the role each call asks for. */
@WebMvcTest(JobController.class)
class JobControllerTest extends ControllerSlice {

    private static final Project CHURN = new Project(UUID.randomUUID(), ACME.id(), "churn");
    private static final String PATH = "/api/v1/teams/acme/projects/churn/jobs";

    @MockitoBean
    JobService jobs;
    @MockitoBean
    ProjectService projects;

    @Test
    void aNameThatIsNoTextIsAProblemNamingTheFieldAndCreatesNothing() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(post(PATH).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\": [\"train\"]}"))
                .andExpect(problemNaming("name"));

        verifyNoInteractions(jobs);
    }

    @Test
    void aMemberCreatesAJobAndIsToldWhereItIs() throws Exception {
        grant(TeamRole.MEMBER);
        when(projects.require(ACME, "churn")).thenReturn(CHURN);
        when(jobs.create(CHURN, "train", "nightly training"))
                .thenReturn(new Job(UUID.randomUUID(), CHURN.id(), "train", "nightly training", OffsetDateTime.now()));

        mvc.perform(post(PATH).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"train\", \"description\": \"nightly training\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", PATH + "/train"))
                .andExpect(jsonPath("$.name").value("train"));

        verify(access).require(BOB, "acme", TeamRole.MEMBER);
    }

    @Test
    void aViewerListsTheJobsButCannotCreateOne() throws Exception {
        grant(TeamRole.VIEWER);
        when(projects.require(ACME, "churn")).thenReturn(CHURN);
        when(jobs.list(CHURN)).thenReturn(List.of(new Job(UUID.randomUUID(), CHURN.id(), "train", null,
                OffsetDateTime.now())));

        mvc.perform(get(PATH)).andExpect(status().isOk()).andExpect(jsonPath("$[0].name").value("train"));
        mvc.perform(post(PATH).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"train\"}"))
                .andExpect(status().isNotFound());

        verify(jobs, org.mockito.Mockito.never()).create(org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }
}
