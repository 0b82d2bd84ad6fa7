package io.cascade.api.cockpit;

import static io.cascade.api.cockpit.CockpitSession.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.team.TeamFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;

/**
 * Two teams with failed runs (incidents), waiting launches (external tasks) and one account per
 * role. Every role of every team calls the read and write endpoints Cockpit uses, and the agent
 * endpoints of /engine-rest: what belongs to the other team is never shown and never changed, the
 * rights above a role are refused, and what the role may do works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CockpitTeamIsolationIntegrationTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <process id="planted" isExecutable="true"><startEvent id="s"/></process>
            </definitions>""";

    private OperatedTeam acme;
    private OperatedTeam globex;

    @BeforeAll
    void twoTeamsWithFailedRuns() throws Exception {
        acme = new OperatedTeam(admin());
        globex = new OperatedTeam(admin());
    }

    @AfterAll
    void stopReceivers() {
        acme.close();
        globex.close();
    }

    @Test
    void eachRoleSeesAndChangesOnlyWhatItMayInCockpit() {
        Map<OperatedTeam, String> failed = Map.of(acme, acme.failedRun(), globex, globex.failedRun());
        String deployment = admin().get().uri("/engine-rest/process-definition/key/webhook-action").retrieve()
                .body(JsonNode.class).get("deploymentId").asText();
        CallReport report = new CallReport();

        for (OperatedTeam team : List.of(acme, globex)) {
            OperatedTeam other = team == acme ? globex : acme;
            for (String role : OperatedTeam.ROLES) {
                String user = team.user(role);
                String as = role + " of " + team.name() + ": ";
                CockpitSession.Login login = CockpitSession.login(baseUrl(), user, TeamFixture.password(user), "cockpit");
                report.allowed(as + "sign into Cockpit", login.answer());
                CockpitSession cockpit = login.session();
                String own = failed.get(team);
                String theirs = failed.get(other);

                report.allowed(as + "count own instances", cockpit.get(ENGINE + "process-instance/count?tenantIdIn="
                        + team.name()), body -> count(body) > 0);
                report.allowed(as + "list instances", cockpit.get(ENGINE + "process-instance"),
                        onlyTenant(team.name()));
                report.allowed(as + "list incidents", cockpit.get(ENGINE + "incident"), onlyTenant(team.name()));
                report.allowed(as + "own incident", cockpit.get(ENGINE + "incident?processInstanceId=" + own),
                        body -> body.contains("attempt"));
                report.empty(as + "other team's instances", cockpit.get(ENGINE + "process-instance?tenantIdIn="
                        + other.name()));
                report.empty(as + "other team's instance count", cockpit.get(ENGINE
                        + "process-instance/count?tenantIdIn=" + other.name()));
                report.empty(as + "other team's instance by id", cockpit.get(ENGINE + "process-instance?processInstanceIds="
                        + theirs));
                report.empty(as + "other team's incidents", cockpit.get(ENGINE + "incident?processInstanceId=" + theirs));
                report.empty(as + "other team's jobs", cockpit.get(ENGINE + "job?processInstanceId=" + theirs));
                report.empty(as + "other team's history", cockpit.get(ENGINE + "history/process-instance?processInstanceId="
                        + theirs));
                report.empty(as + "other team's variables", cockpit.get(ENGINE + "variable-instance?processInstanceIdIn="
                        + theirs));
                report.refused(as + "open other team's instance", cockpit.get(ENGINE + "process-instance/" + theirs));

                report.refused(as + "retry other team's delivery", cockpit.put(ENGINE + "external-task/"
                        + other.failedTask(theirs) + "/retries", "{\"retries\":1}"));
                report.refused(as + "cancel other team's instance", cockpit.delete(ENGINE + "process-instance/" + theirs));
                report.refused(as + "edit own variable", cockpit.put(ENGINE + "process-instance/" + own
                        + "/variables/automationName", "{\"value\":\"changed\",\"type\":\"String\"}"));
                report.refused(as + "edit other team's variable", cockpit.put(ENGINE + "process-instance/" + theirs
                        + "/variables/automationName", "{\"value\":\"changed\",\"type\":\"String\"}"));
                report.refused(as + "modify own instance", cockpit.post(ENGINE + "process-instance/" + own
                        + "/modification", "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"Task_DeliverWebhook\"}]}"));
                report.refused(as + "deploy", cockpit.upload(ENGINE + "deployment/create", "planted.bpmn", BPMN));
                report.refused(as + "delete deployment", cockpit.delete(ENGINE + "deployment/" + deployment + "?cascade=true"));
                report.empty(as + "list authorizations", cockpit.get(ENGINE + "authorization"));
                report.refused(as + "create authorization", cockpit.post(ENGINE + "authorization/create",
                        "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"" + user + "\",\"resourceType\":0,"
                                + "\"resourceId\":\"*\"}"));
                report.allowed(as + "list users", cockpit.get(ENGINE + "user"),
                        body -> ids(body).equals(List.of(user)));
                report.refused(as + "create user", cockpit.post(ENGINE + "user/create",
                        "{\"profile\":{\"id\":\"planted-" + user + "\"},\"credentials\":{\"password\":\"planted-pw\"}}"));
                report.refused(as + "change own password", cockpit.put(ENGINE + "user/" + user + "/credentials",
                        "{\"password\":\"changed-pw\",\"authenticatedUserPassword\":\"" + TeamFixture.password(user) + "\"}"));
                report.refused(as + "join the administrators", cockpit.put(ENGINE + "group/camunda-admin/members/"
                        + user, "{}"));
                report.refused(as + "retry own jobs in a batch", cockpit.post(ENGINE + "job/retries",
                        "{\"retries\":1,\"processInstances\":[\"" + own + "\"]}"));
                report.refused(as + "retry own deliveries in a batch", cockpit.post(ENGINE + "external-task/retries-async",
                        "{\"retries\":1,\"processInstanceIds\":[\"" + own + "\"]}"));
                report.refusedWith(as + "fetch own deliveries", cockpit.post(ENGINE + "external-task/fetchAndLock",
                        "{\"workerId\":\"w\",\"maxTasks\":10,\"topics\":[{\"topicName\":\"cascade-webhook\","
                                + "\"lockDuration\":60000}]}"), 403, body -> body.contains("cascade-webhook"));
                report.refused(as + "delete own instances in a batch", cockpit.post(ENGINE + "process-instance/delete",
                        "{\"processInstanceIds\":[\"" + own + "\"],\"deleteReason\":\"batch\"}"));
                report.refused(as + "sign into Admin",
                        CockpitSession.login(baseUrl(), user, TeamFixture.password(user), "admin").answer());
                report.refused(as + "engine API outside the agent endpoints", engineRest(user, "GET",
                        "/engine-rest/process-instance", null));

                boolean operator = !role.equals("VIEWER");
                HttpResponse<String> tasklist = CockpitSession.login(baseUrl(), user, TeamFixture.password(user),
                        "tasklist").answer();
                HttpResponse<String> retry = cockpit.put(ENGINE + "external-task/" + team.failedTask(own) + "/retries",
                        "{\"retries\":1}");
                String cancelled = team.waitingLaunchInstance();
                HttpResponse<String> cancel = cockpit.delete(ENGINE + "process-instance/" + cancelled);
                if (operator) {
                    report.allowed(as + "sign into Tasklist", tasklist);
                    report.allowed(as + "retry own failed delivery", retry);
                    report.allowed(as + "cancel own running instance", cancel);
                    await().atMost(Duration.ofSeconds(30)).until(() -> !team.incidents(own).isEmpty());
                } else {
                    report.refused(as + "sign into Tasklist", tasklist);
                    report.refused(as + "retry own failed delivery", retry);
                    report.refused(as + "cancel own running instance", cancel);
                }
            }
        }
        CockpitSession admin = CockpitSession.login(baseUrl(), ADMIN_USER, ADMIN_PASSWORD, "cockpit").session();
        for (OperatedTeam team : List.of(acme, globex)) {
            report.allowed("system administrator: instances of " + team.name(), admin.get(ENGINE
                    + "process-instance/count?tenantIdIn=" + team.name()), body -> count(body) > 0);
        }

        System.out.println("Cockpit team isolation: " + report);
        assertThat(report.unexpected()).isEmpty();
    }

    @Test
    void anotherTeamsExternalTaskIsNotThereForItsAccounts() {
        CallReport report = new CallReport();

        for (OperatedTeam team : List.of(acme, globex)) {
            OperatedTeam other = team == acme ? globex : acme;
            for (String role : OperatedTeam.ROLES) {
                // fresh waiting runs for each role: a run waits in its queue only max-queue-time (8 s in tests)
                Map<OperatedTeam, String> tasks = Map.of(acme, acme.waitingLaunch(), globex, globex.waitingLaunch());
                String user = team.user(role);
                String as = role + " of " + team.name() + ": ";
                String theirs = tasks.get(other);
                report.empty(as + "fetch other team's tasks", engineRest(user, "POST",
                        "/engine-rest/external-task/fetchAndLock", fetch(other.name())));
                report.empty(as + "list other team's tasks", engineRest(user, "GET",
                        "/engine-rest/external-task?tenantIdIn=" + other.name(), null));
                for (String write : List.of("complete", "failure", "bpmnError", "extendLock", "unlock")) {
                    HttpResponse<String> answer = engineRest(user, "POST",
                            "/engine-rest/external-task/" + theirs + "/" + write,
                            "{\"workerId\":\"w\",\"errorCode\":\"LAUNCH_FAILED\",\"newDuration\":1000,\"retries\":0}");
                    report.refusedWith(as + write + " other team's task", answer, 404,
                            body -> !body.contains("rocess") && !body.contains(theirs));
                }
                CockpitSession cockpit = CockpitSession.login(baseUrl(), user, TeamFixture.password(user), "cockpit")
                        .session();
                report.empty(as + "other team's tasks in Cockpit", cockpit.get(ENGINE + "external-task?tenantIdIn="
                        + other.name()));
                report.refused(as + "retry other team's task", cockpit.put(ENGINE + "external-task/" + theirs
                        + "/retries", "{\"retries\":1}"));
                HttpResponse<String> retryOwn = cockpit.put(ENGINE + "external-task/" + tasks.get(team) + "/retries",
                        "{\"retries\":1}");
                HttpResponse<String> fetchOwn = engineRest(user, "POST", "/engine-rest/external-task/fetchAndLock",
                        fetch(team.name()));
                if (role.equals("VIEWER")) {
                    report.refused(as + "retry own task", retryOwn);
                    report.empty(as + "fetch own tasks", fetchOwn);
                } else {
                    report.allowed(as + "retry own task", retryOwn);
                    report.allowed(as + "fetch own tasks", fetchOwn, body -> body.contains(tasks.get(team)));
                    engineRest(user, "POST", "/engine-rest/external-task/" + tasks.get(team) + "/unlock", "{}");
                }
            }
        }

        System.out.println("External tasks across teams: " + report);
        assertThat(report.unexpected()).isEmpty();
    }

    @Test
    void aRoleChangeAndARemovalReachAnOpenCockpitSessionWithinTheSyncInterval() {
        String run = acme.failedRun();
        String user = TeamFixture.user(admin(), "operator");
        setRole(user, "MEMBER");
        CockpitSession cockpit = CockpitSession.login(baseUrl(), user, TeamFixture.password(user), "cockpit").session();
        assertThat(count(cockpit.get(ENGINE + "process-instance/count?tenantIdIn=" + acme.name()).body())).isPositive();

        setRole(user, "VIEWER");
        await().atMost(Duration.ofSeconds(2)).until(() -> cockpit.put(ENGINE + "external-task/" + acme.failedTask(run)
                + "/retries", "{\"retries\":0}").statusCode() >= 400);
        assertThat(count(cockpit.get(ENGINE + "process-instance/count?tenantIdIn=" + acme.name()).body())).isPositive();

        admin().delete().uri("/api/v1/teams/{t}/members/{u}", acme.name(), user).retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(2)).until(() -> count(cockpit.get(ENGINE
                + "process-instance/count?tenantIdIn=" + acme.name()).body()) == 0);
        assertThat(cockpit.get(ENGINE + "incident?processInstanceId=" + run).body()).isEqualTo("[]");
    }

    private void setRole(String user, String role) {
        admin().put().uri("/api/v1/teams/{t}/members/{u}", acme.name(), user).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", role)).retrieve().toBodilessEntity();
    }

    private static String fetch(String tenant) {
        return "{\"workerId\":\"w\",\"maxTasks\":10,\"topics\":[{\"topicName\":\"launch-job\",\"lockDuration\":60000,"
                + "\"tenantIdIn\":[\"" + tenant + "\"]}]}";
    }

    private HttpResponse<String> engineRest(String user, String method, String path, String json) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + TeamFixture.password(user))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(String body) {
        return read(body).get("count").asLong();
    }

    private static Predicate<String> onlyTenant(String tenant) {
        return body -> {
            JsonNode list = read(body);
            if (list.isEmpty()) {
                return false;
            }
            for (JsonNode item : list) {
                if (!tenant.equals(item.path("tenantId").asText())) {
                    return false;
                }
            }
            return true;
        };
    }

    private static List<String> ids(String body) {
        return read(body).findValuesAsText("id");
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }
}
