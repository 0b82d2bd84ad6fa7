package io.cascade.api.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the suite's own: its own data directory and port, started and stopped with the
 * machine's {@code initdb} and {@code pg_ctl}, so restarting it or keeping it down disturbs nothing
 * else on the machine.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final Path dataDir;
    private final Path serverLog;
    private final Path log;
    private final int port;
    private final List<String> runAs;

    /**
     * PostgreSQL refuses to run as root: then {@code initdb} and {@code pg_ctl} run as {@code osUser}
     * (through runuser), which owns {@code <work>/pg}.
     */
    LocalPostgres(Path bin, Path workDir, int port, String osUser) {
        this.bin = bin;
        this.home = workDir.resolve("pg").toAbsolutePath();
        this.dataDir = home.resolve("data");
        this.serverLog = home.resolve("postgres.log");
        this.log = workDir.resolve("logs/pg_ctl.log").toAbsolutePath();
        this.port = port;
        this.runAs = "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", osUser, "--") : List.of();
    }

    Path serverLog() {
        return serverLog;
    }

    /** A fresh cluster: a leftover one from an interrupted run is stopped and removed first. */
    void initialize() throws IOException, InterruptedException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            pgCtl(false, "stop", "-m", "immediate");
        }
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(log.getParent());
        Files.createDirectories(home);
        if (!runAs.isEmpty()) {
            run(true, "chown", runAs.get(2), home.toString());
        }
        run(true, bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-sync");
        // fsync off: the suite stops PostgreSQL cleanly or immediately, never the machine under it, and it
        // shares its disk with other work. Unix socket in the data directory, none in /var/run.
        run(true, List.of("sh", "-c", "cat >> \"$0\"", dataDir.resolve("postgresql.conf").toString()), """

                port = %d
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                max_connections = 200
                fsync = off
                shared_buffers = 128MB
                """.formatted(port, dataDir));
    }

    void start() throws IOException, InterruptedException {
        pgCtl(true, "start", "-w", "-t", "60", "-l", serverLog.toString());
    }

    /** A fast shutdown: clients are disconnected, the server stops; then its port refuses connections. */
    void stop() throws IOException, InterruptedException {
        pgCtl(true, "stop", "-m", "fast", "-w", "-t", "60");
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=5&socketTimeout=60", "postgres", "");
    }

    String version() {
        try (Connection c = connect("postgres")) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "?";
        }
    }

    /** Stops it at once, whatever state it is in; for cleanup, never fails. */
    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                pgCtl(false, "stop", "-m", "immediate", "-w", "-t", "20");
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the suite's PostgreSQL: " + e);
        }
    }

    private void pgCtl(boolean check, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        command.addAll(List.of(args));
        run(check, command.toArray(String[]::new));
    }

    private void run(boolean check, String... command) throws IOException, InterruptedException {
        run(check, List.of(command), null);
    }

    private void run(boolean check, List<String> command, String input) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        if (!command.get(0).equals("chown")) {
            full.addAll(0, runAs);
        }
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (var stdin = p.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", full));
        }
        if (check && p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "), see " + log + ": " + String.join(" ", full));
        }
    }
}
