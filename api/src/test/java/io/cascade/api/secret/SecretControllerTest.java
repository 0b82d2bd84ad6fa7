package io.cascade.api.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.api.support.ControllerSlice;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.secret.SecretService.SecretInfo;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** A team's secrets without the engine: only admins, the body is read strictly, the value never answered. */
@WebMvcTest(SecretController.class)
class SecretControllerTest extends ControllerSlice {

    @MockitoBean
    SecretService secrets;

    @Test
    void aValueThatIsNoTextIsAProblemNamingTheField() throws Exception {
        grant(TeamRole.ADMIN);

        mvc.perform(put("/api/v1/teams/acme/secrets/ci-token").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\": [\"s3cr3t-value\"]}"))
                .andExpect(problemNaming("value"));

        verifyNoInteractions(secrets);
    }

    @Test
    void anAdminStoresANewSecretAndGetsItsNameButNotItsValue() throws Exception {
        grant(TeamRole.ADMIN);
        OffsetDateTime now = OffsetDateTime.now();
        when(secrets.put(ACME, "ci-token", "s3cr3t-value")).thenReturn(true);
        when(secrets.list(ACME)).thenReturn(List.of(new SecretInfo("ci-token", now, now)));

        String body = mvc.perform(put("/api/v1/teams/acme/secrets/ci-token").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"s3cr3t-value\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("ci-token"))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("s3cr3t-value");
        verify(access).require(BOB, "acme", TeamRole.ADMIN);
    }

    @Test
    void overwritingASecretIsAnsweredWith200() throws Exception {
        grant(TeamRole.ADMIN);
        OffsetDateTime now = OffsetDateTime.now();
        when(secrets.put(ACME, "ci-token", "rotated")).thenReturn(false);
        when(secrets.list(ACME)).thenReturn(List.of(new SecretInfo("ci-token", now, now)));

        mvc.perform(put("/api/v1/teams/acme/secrets/ci-token").with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"value\": \"rotated\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void aMemberCannotListTheSecrets() throws Exception {
        grant(TeamRole.MEMBER);

        mvc.perform(get("/api/v1/teams/acme/secrets")).andExpect(status().isNotFound());

        verifyNoInteractions(secrets);
    }
}
