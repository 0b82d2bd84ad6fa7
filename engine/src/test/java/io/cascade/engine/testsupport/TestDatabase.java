package io.cascade.engine.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL every database test runs on: {@code CASCADE_TEST_DB_URL} (with {@code _USER} and
 * {@code _PASSWORD}) when set, otherwise a Testcontainers PostgreSQL when a Docker engine answers,
 * otherwise a PostgreSQL started from the binaries in a Maven artifact, so the tests need nothing
 * installed. Never H2: a test that passes on H2 says nothing about production.
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
        if (dockerAvailable()) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:16-alpine");
            postgres.start();
            return new Connection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
        }
        return embedded();
    }

    /** Lives as long as the test JVM: zonky stops it and deletes its data directory in a shutdown hook. */
    private static Connection embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
        }
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
