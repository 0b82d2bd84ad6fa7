package io.cascade.api.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.automation.Automation;
import io.cascade.engine.automation.AutomationRequest;
import io.cascade.engine.automation.AutomationService;
import io.cascade.engine.automation.AutomationTrigger;
import io.cascade.engine.event.EventType;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.webhook.WebhookAction;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A project's automations without the engine: how the body is read and the role each call asks for. */
@WebMvcTest(AutomationController.class)
class AutomationControllerTest extends ControllerSlice {

    private static final Project CHURN = new Project(UUID.randomUUID(), ACME.id(), "churn");
    private static final String PATH = "/api/v1/teams/acme/projects/churn/automations";

    @MockitoBean
    AutomationService automations;
    @MockitoBean
    ProjectService projects;

    @Test
    void aNameThatIsNoTextIsAProblemNamingTheFieldAndCreatesNothing() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(post(PATH).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\": [\"x\"]}"))
                .andExpect(problemNaming("name"));

        verifyNoInteractions(automations);
    }

    @Test
    void aMemberCreatesAnAutomationAndIsToldWhereItIs() throws Exception {
        grant(TeamRole.MEMBER);
        when(projects.require(ACME, "churn")).thenReturn(CHURN);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        when(automations.create(eq(ACME), eq(CHURN), any())).thenReturn(new Automation(id, ACME.id(), CHURN.id(),
                "notify-ci", null, true, new AutomationTrigger(EventType.CREATE_ARTIFACT, "training-data", null),
                new WebhookAction("ci", null), 1, false, now, now));

        mvc.perform(post(PATH).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"notify-ci\", \"enabled\": true}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", PATH + "/" + id))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.actionType").value(WebhookAction.TYPE));

        ArgumentCaptor<AutomationRequest> request = ArgumentCaptor.forClass(AutomationRequest.class);
        verify(automations).create(eq(ACME), eq(CHURN), request.capture());
        assertThat(request.getValue().name()).isEqualTo("notify-ci");
        assertThat(request.getValue().enabled()).isTrue();
        verify(access).require(BOB, "acme", TeamRole.MEMBER);
    }

    @Test
    void deletingNeedsTheMemberRole() throws Exception {
        grant(TeamRole.MEMBER);
        when(projects.require(ACME, "churn")).thenReturn(CHURN);
        UUID id = UUID.randomUUID();

        mvc.perform(delete(PATH + "/{id}", id).with(csrf())).andExpect(status().isNoContent());

        verify(automations).delete(CHURN, id);
    }

    @Test
    void aViewerCannotDelete() throws Exception {
        grant(TeamRole.VIEWER);

        mvc.perform(delete(PATH + "/{id}", UUID.randomUUID()).with(csrf())).andExpect(status().isNotFound());

        verifyNoInteractions(automations);
    }
}
