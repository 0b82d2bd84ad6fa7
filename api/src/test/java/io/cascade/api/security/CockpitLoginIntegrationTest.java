package io.cascade.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.ApiIntegrationTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cockpit logs in with the same accounts, through its own login and CSRF protection. */
class CockpitLoginIntegrationTest extends ApiIntegrationTest {

    @Test
    void anAdministratorLogsIntoCockpit() throws Exception {
        HttpResponse<String> login = cockpitLogin(ADMIN_USER, ADMIN_PASSWORD, "cockpit");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"" + ADMIN_USER + "\"").contains("cockpit");
    }

    @Test
    void aTeamAccountCannotSignIntoCockpitOrAdmin() throws Exception {
        String user = unique("member");
        admin().post().uri("/api/v1/users").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(java.util.Map.of("username", user, "password", "member-password")).retrieve().toBodilessEntity();

        assertThat(cockpitLogin(user, "member-password", "cockpit").statusCode()).isEqualTo(403);
        assertThat(cockpitLogin(user, "member-password", "admin").statusCode()).isEqualTo(403);
    }

    /** Cockpit's own REST API and the engine's answer 401 to a caller who has not signed in. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/camunda/api/engine/engine/default/process-instance",
        "/camunda/api/engine/engine/default/history/variable-instance",
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
        "/engine-rest/process-instance",
        "/engine-rest/history/variable-instance"})
    void camundasApisRefuseACallerWhoHasNotSignedIn(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(path).isEqualTo(401);
    }

    /** The same engine paths exist: an administrator reads them. */
    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/process-instance", "/engine-rest/history/variable-instance"})
    void anAdministratorReadsTheEngineApi(String path) {
        assertThat(as(ADMIN_USER, ADMIN_PASSWORD).get().uri(path).retrieve().toEntity(String.class).getStatusCode()
                .value()).as(path).isEqualTo(200);
    }

    private HttpResponse<String> cockpitLogin(String user, String password, String app) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/cockpit/default/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();

        return browser.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
