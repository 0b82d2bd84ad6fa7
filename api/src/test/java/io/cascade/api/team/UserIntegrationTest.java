package io.cascade.api.team;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** /api/v1/users: system administrators create and list the accounts everyone signs in with. */
class UserIntegrationTest extends ApiIntegrationTest {

    @Test
    void aSystemAdministratorCreatesAUserWhoCanThenSignIn() {
        String username = TeamFixture.unique("carol");

        ResponseEntity<JsonNode> created = create(asAdmin(), username, "carol-password", null);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/users/" + username);
        assertThat(created.getBody().get("username").asText()).isEqualTo(username);
        assertThat(created.getBody().get("systemAdmin").asBoolean()).isFalse();
        JsonNode me = as(username, "carol-password").get().uri("/api/v1/me").retrieve().body(JsonNode.class);
        assertThat(me.get("username").asText()).isEqualTo(username);
        assertThat(me.get("systemAdmin").asBoolean()).isFalse();
        assertThat(me.get("teams")).isEmpty();
    }

    @Test
    void aSystemAdministratorMayCreateAnotherOne() {
        String username = TeamFixture.unique("root");

        create(asAdmin(), username, "root-password", true);

        RestClient asNewAdmin = as(username, "root-password");
        assertThat(asNewAdmin.get().uri("/api/v1/me").retrieve().body(JsonNode.class).get("systemAdmin").asBoolean())
                .isTrue();
        assertThat(create(asNewAdmin, TeamFixture.unique("dave"), "dave-password", null).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void theListShowsEveryUserToSystemAdministrators() {
        String username = TeamFixture.user(admin(), "erin");

        JsonNode users = asAdmin().get().uri("/api/v1/users").retrieve().body(JsonNode.class);

        assertThat(users.findValuesAsText("username")).contains(username, ADMIN_USER);
    }

    @Test
    void otherUsersMayNeitherCreateNorListUsers() {
        TeamFixture team = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");
        RestClient client = as(teamAdmin, TeamFixture.password(teamAdmin));
        String wouldBe = TeamFixture.unique("mallory");

        assertProblem(create(client, wouldBe, "mallory-password", true), HttpStatus.FORBIDDEN, null);
        assertProblem(client.get().uri("/api/v1/users").retrieve().toEntity(JsonNode.class), HttpStatus.FORBIDDEN, null);
        assertThat(asAdmin().get().uri("/api/v1/users").retrieve().body(JsonNode.class).findValuesAsText("username"))
                .doesNotContain(wouldBe);
    }

    @Test
    void aTakenUsernameIs409() {
        String username = TeamFixture.user(admin(), "frank");

        assertProblem(create(asAdmin(), username, "another-password", null), HttpStatus.CONFLICT, "username");
    }

    @Test
    void badUsernamesAndShortPasswordsAre400NamingTheField() {
        assertProblem(create(asAdmin(), "frank smith", "frank-password", null), HttpStatus.BAD_REQUEST, "username");
        assertProblem(create(asAdmin(), null, "frank-password", null), HttpStatus.BAD_REQUEST, "username");
        assertProblem(create(asAdmin(), TeamFixture.unique("frank"), "abc", null), HttpStatus.BAD_REQUEST, "password");
    }

    private static ResponseEntity<JsonNode> create(RestClient client, String username, String password,
                                                   Boolean systemAdmin) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("systemAdmin", systemAdmin);
        return client.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class);
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }
}
