package io.cascade.api.cockpit;

import static io.cascade.api.cockpit.CockpitSession.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.SecondNode;
import io.cascade.api.team.TeamFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/**
 * A team MEMBER has Cockpit open on a second node while a team ADMIN, on the first node, makes them
 * a VIEWER and then removes them: the open session loses the write, then everything of the team,
 * within the webapp's cache time (camunda.bpm.webapp.auth.cache.time-to-live) plus a bound for a
 * busy machine. The second node is another JVM on the same database (support.SecondNode).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleChangeOnSecondNodeIntegrationTest extends ApiIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    @Value("${camunda.bpm.webapp.auth.cache.time-to-live}")
    private long cacheMillis;

    private OperatedTeam team;
    private SecondNode secondNode;

    @BeforeAll
    void aTeamWithAFailedRunAndASecondNode() throws Exception {
        team = new OperatedTeam(admin());
        secondNode = SecondNode.start();
    }

    @AfterAll
    void stop() {
        team.close();
        secondNode.close();
    }

    @Test
    void aRoleChangeAndARemovalReachACockpitSessionOnTheOtherNode() {
        String member = team.user("MEMBER");
        String run = team.failedRun();
        String task = team.failedTask(run);
        CockpitSession.Login login = CockpitSession.login(secondNode.baseUrl(), member,
                TeamFixture.password(member), "cockpit");
        assertThat(login.succeeded()).as("MEMBER signs into Cockpit on the second node: %s", login.answer().body())
                .isTrue();
        CockpitSession cockpit = login.session();
        assertThat(instances(cockpit).body()).contains(run);
        assertThat(retry(cockpit, task).statusCode()).as("a MEMBER retries their team's failed delivery").isEqualTo(204);

        setRole(member, "VIEWER");
        Duration refused = within(() -> retry(cockpit, task).statusCode() == 403);
        assertThat(instances(cockpit).body()).as("a VIEWER still reads their team's runs").contains(run);

        admin().delete().uri("/api/v1/teams/{t}/members/{u}", team.name(), member).retrieve().toBodilessEntity();
        Duration hidden = within(() -> {
            HttpResponse<String> instances = instances(cockpit);
            return instances.statusCode() == 401 || instances.statusCode() == 403
                    || (instances.statusCode() == 200 && instances.body().equals("[]"));
        });
        assertThat(cockpit.get(ENGINE + "incident?processInstanceId=" + run).body()).doesNotContain(run);
        System.out.printf("second node: write refused %d ms after the role change, runs hidden %d ms after the "
                + "removal (cache %d ms)%n", refused.toMillis(), hidden.toMillis(), cacheMillis);
    }

    /** How long until the condition holds; fails when that is longer than the cache time plus the bound. */
    private Duration within(Callable<Boolean> condition) {
        long start = System.nanoTime();
        AtomicReference<Duration> took = new AtomicReference<>();
        await().atMost(Duration.ofMillis(cacheMillis).plus(BOUND)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    boolean holds = condition.call();
                    if (holds) {
                        took.set(Duration.ofNanos(System.nanoTime() - start));
                    }
                    return holds;
                });
        return took.get();
    }

    private HttpResponse<String> instances(CockpitSession cockpit) {
        return cockpit.get(ENGINE + "process-instance?tenantIdIn=" + team.name());
    }

    private static HttpResponse<String> retry(CockpitSession cockpit, String task) {
        return cockpit.put(ENGINE + "external-task/" + task + "/retries", "{\"retries\":1}");
    }

    private void setRole(String user, String role) {
        admin().put().uri("/api/v1/teams/{t}/members/{u}", team.name(), user).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("role", role)).retrieve().toBodilessEntity();
    }
}
