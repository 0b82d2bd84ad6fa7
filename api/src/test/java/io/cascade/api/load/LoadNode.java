package io.cascade.api.load;

import io.cascade.api.CascadeApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another node for the end-to-end load: the application with the load's own settings (same database,
 * secret key, admin and allowed CIDRs; its own port), in a JVM of its own, as another machine would
 * run it. A second context in the load's JVM cannot stand in for it: Camunda registers its engine and
 * webapps per JVM. Unlike the tests' SecondNode it runs everything (inbox, job executor, delivery), so
 * the nodes share the work through PostgreSQL. Its output goes to {@code target/load-node<n>.log}.
 */
final class LoadNode implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final int number;
    private final Process process;
    private final String url;
    private final Path log;

    private LoadNode(int number, Process process, String url, Path log) {
        this.number = number;
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts node {@code number} with {@code properties} (EventLoad.properties) and returns once it is healthy. */
    static LoadNode start(int number, Map<String, Object> properties) throws IOException, InterruptedException {
        int port = freePort();
        Map<String, Object> own = new LinkedHashMap<>(properties);
        own.put("server.port", port);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(systemProperties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CascadeApplication.class.getName()));
        command.addAll(List.of(EventLoad.arguments(own)));
        Path log = Path.of("target", "load-node" + number + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A load stopped with Ctrl-C (or failing before close) must not leave the node running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        LoadNode node = new LoadNode(number, process, "http://127.0.0.1:" + port, log);
        try {
            node.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Server settings given the load as -D options (-Dload.jvm) reach every node, not only the first. */
    private static List<String> systemProperties() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-D")).toList();
    }

    int number() {
        return number;
    }

    String url() {
        return url;
    }

    Path log() {
        return log;
    }

    /** CPU time of the node's process so far (user + system, all threads: /proc/pid/stat on Linux). */
    long cpuNanos() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the CPU time of node " + number + " cannot be read"))
                .toNanos();
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + number + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + number + " was not healthy within " + STARTUP + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
