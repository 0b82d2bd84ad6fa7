package io.cascade.api.team;

import static io.cascade.api.team.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** /api/v1/teams: teams, their members and projects; a user sees only the teams they belong to. */
class TeamIntegrationTest extends ApiIntegrationTest {

    @Test
    void aTeamAdminAddsAMemberWhoThenSeesTheTeam() {
        TeamFixture team = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");
        String newcomer = TeamFixture.user(admin(), "newcomer");

        ResponseEntity<JsonNode> added = setRole(asUser(teamAdmin), team.name(), newcomer, "MEMBER");

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(added.getBody().get("username").asText()).isEqualTo(newcomer);
        assertThat(added.getBody().get("role").asText()).isEqualTo("MEMBER");
        JsonNode teams = asUser(newcomer).get().uri("/api/v1/teams").retrieve().body(JsonNode.class);
        assertThat(teams).hasSize(1);
        assertThat(teams.get(0).get("name").asText()).isEqualTo(team.name());
        assertThat(teams.get(0).get("role").asText()).isEqualTo("MEMBER");
        JsonNode members = asUser(newcomer).get().uri("/api/v1/teams/{team}/members", team.name()).retrieve()
                .body(JsonNode.class);
        assertThat(members.findValuesAsText("username")).containsExactlyInAnyOrder(teamAdmin, newcomer);
    }

    @Test
    void changingARoleChangesWhatTheMemberMayDo() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        assertThat(createProject(asUser(member), team.name(), "fraud").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> demoted = setRole(admin(), team.name(), member, "VIEWER");

        assertThat(demoted.getBody().get("role").asText()).isEqualTo("VIEWER");
        assertProblem(createProject(asUser(member), team.name(), "ads"), HttpStatus.FORBIDDEN, null);
        assertThat(asUser(member).get().uri("/api/v1/me").retrieve().body(JsonNode.class).get("teams").get(0)
                .get("role").asText()).isEqualTo("VIEWER");
    }

    @Test
    void onlyTeamAdminsManageMembers() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        String viewer = team.member("VIEWER");

        assertProblem(setRole(asUser(member), team.name(), viewer, "ADMIN"), HttpStatus.FORBIDDEN, null);
        assertProblem(setRole(asUser(viewer), team.name(), viewer, "ADMIN"), HttpStatus.FORBIDDEN, null);
        assertThat(roleOf(team.name(), viewer)).isEqualTo("VIEWER");
    }

    @Test
    void badRolesAndUnknownUsersAreRefused() {
        TeamFixture team = TeamFixture.create(admin());
        String user = TeamFixture.user(admin(), "grace");

        assertProblem(setRole(asAdmin(), team.name(), user, "OWNER"), HttpStatus.BAD_REQUEST, "role");
        assertProblem(setRole(asAdmin(), team.name(), TeamFixture.unique("nobody"), "MEMBER"), HttpStatus.NOT_FOUND,
                null);
        assertThat(asUser(user).get().uri("/api/v1/teams").retrieve().body(JsonNode.class)).isEmpty();
    }

    @Test
    void aUserSeesOnlyTheirOwnTeams() {
        TeamFixture mine = TeamFixture.create(admin());
        TeamFixture theirs = TeamFixture.create(admin());
        theirs.member("ADMIN");
        String member = mine.member("MEMBER");

        JsonNode teams = asUser(member).get().uri("/api/v1/teams").retrieve().body(JsonNode.class);

        assertThat(teams.findValuesAsText("name")).containsExactly(mine.name());
    }

    @Test
    void anotherTeamsMembersAndProjectsAre404AndCannotBeChanged() {
        TeamFixture mine = TeamFixture.create(admin());
        TeamFixture theirs = TeamFixture.create(admin());
        String theirMember = theirs.member("MEMBER");
        String myAdmin = mine.member("ADMIN");
        RestClient client = asUser(myAdmin);

        assertProblem(client.get().uri("/api/v1/teams/{team}/members", theirs.name()).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
        assertProblem(client.get().uri("/api/v1/teams/{team}/projects", theirs.name()).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
        assertProblem(createProject(client, theirs.name(), "sneaky"), HttpStatus.NOT_FOUND, null);
        assertProblem(setRole(client, theirs.name(), myAdmin, "ADMIN"), HttpStatus.NOT_FOUND, null);
        assertProblem(setRole(client, theirs.name(), theirMember, "VIEWER"), HttpStatus.NOT_FOUND, null);
        assertThat(roleOf(theirs.name(), theirMember)).isEqualTo("MEMBER");
        assertThat(admin().get().uri("/api/v1/teams/{team}/projects", theirs.name()).retrieve().body(JsonNode.class)
                .findValuesAsText("name")).containsExactly(TeamFixture.PROJECT);
    }

    @Test
    void membersCreateProjectsAndViewersListThem() {
        TeamFixture team = TeamFixture.create(admin());
        String member = team.member("MEMBER");
        String viewer = team.member("VIEWER");

        ResponseEntity<JsonNode> created = createProject(asUser(member), team.name(), "fraud");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("name").asText()).isEqualTo("fraud");
        assertProblem(createProject(asUser(viewer), team.name(), "ads"), HttpStatus.FORBIDDEN, null);
        assertThat(asUser(viewer).get().uri("/api/v1/teams/{team}/projects", team.name()).retrieve()
                .body(JsonNode.class).findValuesAsText("name")).containsExactly(TeamFixture.PROJECT, "fraud");
    }

    @Test
    void projectNamesAreCheckedAndUniqueInTheTeam() {
        TeamFixture team = TeamFixture.create(admin());

        assertProblem(createProject(asAdmin(), team.name(), TeamFixture.PROJECT), HttpStatus.CONFLICT, "name");
        assertProblem(createProject(asAdmin(), team.name(), "churn 2"), HttpStatus.BAD_REQUEST, "name");
    }

    @Test
    void onlySystemAdministratorsCreateTeams() {
        TeamFixture team = TeamFixture.create(admin());
        String teamAdmin = team.member("ADMIN");
        String name = TeamFixture.unique("team");

        assertProblem(createTeam(asUser(teamAdmin), name), HttpStatus.FORBIDDEN, null);
        assertThat(createTeam(asAdmin(), name).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(createTeam(asAdmin(), name), HttpStatus.CONFLICT, "name");
        assertProblem(createTeam(asAdmin(), "acme corp"), HttpStatus.BAD_REQUEST, "name");
    }

    @Test
    void anUnknownTeamIs404() {
        assertProblem(asAdmin().get().uri("/api/v1/teams/{team}/projects", TeamFixture.unique("nope")).retrieve()
                .toEntity(JsonNode.class), HttpStatus.NOT_FOUND, null);
    }

    private String roleOf(String team, String username) {
        for (JsonNode member : admin().get().uri("/api/v1/teams/{team}/members", team).retrieve().body(JsonNode.class)) {
            if (member.get("username").asText().equals(username)) {
                return member.get("role").asText();
            }
        }
        return null;
    }

    private ResponseEntity<JsonNode> setRole(RestClient client, String team, String username, String role) {
        return client.put().uri("/api/v1/teams/{team}/members/{user}", team, username)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("role", role)).retrieve().toEntity(JsonNode.class);
    }

    private static ResponseEntity<JsonNode> createProject(RestClient client, String team, String name) {
        return client.post().uri("/api/v1/teams/{team}/projects", team).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name)).retrieve().toEntity(JsonNode.class);
    }

    private static ResponseEntity<JsonNode> createTeam(RestClient client, String name) {
        return client.post().uri("/api/v1/teams").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                .retrieve().toEntity(JsonNode.class);
    }

    private RestClient asUser(String username) {
        return as(username, TeamFixture.password(username));
    }

    private RestClient asAdmin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }
}
