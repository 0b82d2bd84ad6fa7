package io.cascade.api.support;

import io.cascade.api.CascadeApplication;
import io.cascade.engine.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second Cascade node for tests of what a cluster shares: the same application in a JVM of its
 * own, on the test database, as another machine would run it. A second Spring context in the test
 * JVM cannot stand in for it: Camunda registers its engine, webapps and their caches per JVM. A test
 * class starts it before its tests and closes it after, so it adds no load to other tests. Its job
 * executor and webhook worker are off (it serves requests only), so it never runs another test's jobs or deliveries. Its output is in
 * {@code target/second-node.log}.
 */
public final class SecondNode implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final int port;

    private SecondNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the node and returns once it reports healthy (as long as the application takes to start). */
    public static SecondNode start() {
        TestDatabase.Connection db = TestDatabase.get();
        int port = freePort();
        Path log = Path.of("target", "second-node.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", testClasspath(), CascadeApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--camunda.bpm.job-execution.enabled=false",
                "--cascade.webhooks.delivery-paused=true",
                "--cascade.webhooks.worker-threads=1",
                "--cascade.events.inbox.threads=1"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            SecondNode node = new SecondNode(process, port);
            node.awaitHealthy(log);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the second node", e);
        }
    }

    private void awaitHealthy(Path log) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second node exited with " + process.exitValue() + ":\n"
                        + tail(log));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("the second node did not become healthy within " + STARTUP + ":\n" + tail(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Surefire runs tests from a manifest-only jar and names the real classpath in this property. */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
