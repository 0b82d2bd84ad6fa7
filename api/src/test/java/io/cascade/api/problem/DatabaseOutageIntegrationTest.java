package io.cascade.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cascade.api.CascadeApplication;
import io.cascade.api.support.CuttableProxy;
import io.cascade.engine.testsupport.TestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL out of reach, through a proxy this test cuts: every kind of request answers 503 with
 * Retry-After (the password check of Basic and form login, a signed-in request reaching a
 * controller), health reports the database down, and all recover once it is back. Its own
 * application context (own engine name, no job executor) takes longer to start than verify
 * allows, so it is tagged "outage" and run by scripts/database-outage.sh: by default a short outage
 * with a 1 s pool timeout; with -Doutage.seconds=90 -Doutage.pool-timeout-ms=60000 an outage longer
 * than the pool's connection timeout, requests sent throughout.
 */
@Tag("outage")
@SpringBootTest(classes = CascadeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "camunda.bpm.process-engine-name=outage",
                "spring.datasource.hikari.maximum-pool-size=4", "cascade.webhooks.worker-threads=2",
                "cascade.automations.sync-interval=PT1H"})
@ActiveProfiles("test")
@DirtiesContext
class DatabaseOutageIntegrationTest {

    private static final long OUTAGE_SECONDS = Long.getLong("outage.seconds", 0);
    private static final String POOL_TIMEOUT_MS = System.getProperty("outage.pool-timeout-ms", "1000");

    private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/");
    private static final CuttableProxy PROXY = proxyToTheTestDatabase();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    private int port;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", () -> HOST_AND_PORT.matcher(db.url())
                .replaceFirst("jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/"));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.connection-timeout", () -> POOL_TIMEOUT_MS);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void everyPathAnswers503WithRetryAfterWhileTheDatabaseIsUnreachableAndRecovers() throws Exception {
        assertThat(send(basic("/api/v1/me")).statusCode()).isEqualTo(200);
        assertThat(formLogin().statusCode()).isEqualTo(204);
        assertThat(send(session("/api/v1/teams")).statusCode()).isEqualTo(200);

        PROXY.cut();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
            do {
                assertUnavailable(send(basic("/api/v1/me")));
                assertUnavailable(send(session("/api/v1/teams")));
            } while (System.nanoTime() < end);
            assertUnavailable(send(basic("/api/v1/events").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json")));
            assertUnavailable(send(session("/api/v1/teams")));
            assertUnavailable(send(basic("/engine-rest/engine")));
            assertUnavailable(formLogin());
            HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("DOWN");
        } finally {
            PROXY.restore();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> send(basic("/api/v1/me")).statusCode() == 200);
        assertThat(send(session("/api/v1/teams")).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health"))).body()).contains("UP");
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":503").contains("the database is unreachable");
    }

    private HttpResponse<String> formLogin() throws Exception {
        HttpResponse<String> csrf = send(HttpRequest.newBuilder(uri("/api/v1/csrf")));
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(csrf.body());
        assertThat(token.find()).as(csrf.body()).isTrue();
        String form = "username=admin&password=" + URLEncoder.encode("admin-password", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpRequest.Builder basic(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN);
    }

    private HttpRequest.Builder session(String path) {
        return HttpRequest.newBuilder(uri(path)).header("X-Requested-With", "XMLHttpRequest");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpClient http = request.build().headers().firstValue("Authorization").isPresent() ? client : browser;
        Duration timeout = Duration.ofMillis(Long.parseLong(POOL_TIMEOUT_MS)).plusSeconds(30);
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static CuttableProxy proxyToTheTestDatabase() {
        Matcher target = HOST_AND_PORT.matcher(TestDatabase.get().url());
        if (!target.find()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + TestDatabase.get().url());
        }
        try {
            return new CuttableProxy(target.group(1), target.group(2) == null ? 5432 : Integer.parseInt(target.group(2)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
