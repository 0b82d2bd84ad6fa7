package io.cascade.engine.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL every database test runs on: {@code CASCADE_TEST_DB_URL} (with {@code _USER} and
 * {@code _PASSWORD}) when set, otherwise a Testcontainers PostgreSQL. Never H2: a test that passes
 * on H2 says nothing about production.
 */
public final class TestDatabase {

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = fromEnvironment();
        }
        return connection;
    }

    private static Connection fromEnvironment() {
        String url = System.getenv("CASCADE_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(url, env("CASCADE_TEST_DB_USER", "postgres"), env("CASCADE_TEST_DB_PASSWORD", ""));
        }
        if (!dockerAvailable()) {
            throw new IllegalStateException("""
                    No PostgreSQL for the tests. Either set CASCADE_TEST_DB_URL (and CASCADE_TEST_DB_USER, \
                    CASCADE_TEST_DB_PASSWORD), e.g. CASCADE_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/cascade_test, \
                    or run a Docker engine so Testcontainers can start one. Tests never fall back to H2.""");
        }
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
        postgres.start();
        return new Connection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    public record Connection(String url, String user, String password) {
    }
}
