package io.cascade.api;

import io.cascade.engine.testsupport.TestDatabase;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The whole application on a random port, on PostgreSQL. Tests share one database, so each one
 * works in teams of its own ({@link #unique}).
 */
@SpringBootTest(classes = CascadeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiIntegrationTest {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The system administrator; throws on any error status, for setting up fixtures. */
    protected RestClient admin() {
        return RestClient.builder().baseUrl(baseUrl())
                .defaultHeaders(h -> h.setBasicAuth(ADMIN_USER, ADMIN_PASSWORD))
                .build();
    }

    /** A user whose answers are checked by the test, error statuses included. */
    protected RestClient as(String user, String password) {
        return RestClient.builder().baseUrl(baseUrl())
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** No credentials at all. */
    protected RestClient anonymous() {
        return RestClient.builder().baseUrl(baseUrl())
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
