package io.cascade.api.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.CascadeApplication;
import io.cascade.engine.camunda.ProcessProgress;
import io.cascade.engine.event.EventType;
import io.cascade.engine.common.Cursor;
import io.cascade.engine.execution.ExecutionStatus;
import io.cascade.engine.execution.HistoryFilter;
import io.cascade.engine.execution.HistoryPage;
import io.cascade.engine.execution.HistoryQueries;
import io.cascade.engine.execution.OverviewBackfill;
import io.cascade.engine.execution.OverviewQueries;
import io.cascade.engine.execution.OverviewRange;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * History and overview queries on 1,000,000 executions of one team: recreates the database
 * {@code cascade_history_bench}, lets the application create its schema (Camunda's and the
 * Flyway migrations, indexes included), fills it with {@code load/history-bench-fill.sql}, then
 * times each query through the application's own beans and prints EXPLAIN ANALYZE of the SQL
 * they sent. Writes a Markdown report to {@code target/history-bench.md}.
 *
 * <p>Run with {@code ./mvnw -B -pl api -am -Phistory-bench -Dskip.npm process-test-classes}
 * (docs/benchmarks.md). The database server is 127.0.0.1:5432, user postgres, unless
 * {@code -Dbench.url=jdbc:postgresql://host:port/} and {@code -Dbench.user=} say otherwise.
 */
public final class HistoryBenchmark {

    private static final String DATABASE = "cascade_history_bench";
    private static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-00000000be00");
    private static final int WARM_UP = 3;
    private static final int RUNS = 15;

    private final StringBuilder report = new StringBuilder();
    private final HistoryQueries history;
    private final OverviewQueries overview;
    private final HistoryQueries recordedHistory;
    private final OverviewQueries recordedOverview;
    private final RecordingDataSource recorder;
    private final DataSource dataSource;

    private HistoryBenchmark(ConfigurableApplicationContext app, RecordingDataSource recorder) throws Exception {
        this.history = app.getBean(HistoryQueries.class);
        this.overview = app.getBean(OverviewQueries.class);
        this.recorder = recorder;
        this.dataSource = app.getBean(DataSource.class);
        // the same classes on a JdbcClient whose queries are recorded, for EXPLAIN ANALYZE
        JdbcClient recording = JdbcClient.create(recorder.wrap(dataSource));
        ObjectMapper json = app.getBean(ObjectMapper.class);
        this.recordedHistory = construct(HistoryQueries.class, recording, json,
                construct(ProcessProgress.class, recording));
        this.recordedOverview = construct(OverviewQueries.class, recording);
    }

    public static void main(String[] args) throws Exception {
        String server = System.getProperty("bench.url", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getProperty("bench.user", "postgres");
        recreate(server, user);
        try (ConfigurableApplicationContext app = start(server + DATABASE, user)) {
            long filling = System.nanoTime();
            long rollup = fill(app.getBean(DataSource.class));
            HistoryBenchmark bench = new HistoryBenchmark(app, new RecordingDataSource());
            bench.report.append("Filled and analyzed in ").append((System.nanoTime() - filling) / 1_000_000_000)
                    .append(" s, of which the overview rollup's backfill took ").append(rollup / 1000.0)
                    .append(" s.\n\n");
            bench.run();
            Path out = Path.of("target", "history-bench.md");
            Files.writeString(out, bench.report);
            System.out.println(bench.report);
            System.out.println("Report written to " + out.toAbsolutePath());
        }
    }

    private void run() throws Exception {
        UUID project = project(3);
        UUID automation = automationOf(13);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        HistoryPage firstPage = history.list(TEAM, filter(null, null, null, null, null, null, null, null));
        String deepCursor = deepCursor();

        report.append("## History (limit 50, newest first)\n\n")
                .append("| query | server median ms | server max ms | EXPLAIN ANALYZE execution ms | target ms |\n")
                .append("|---|---:|---:|---:|---:|\n");
        List<String> plans = new ArrayList<>();
        history("first page, whole team", 150, plans, filter(null, null, null, null, null, null, null, null));
        history("first page, one project", 150, plans, filter(project, null, null, null, null, null, null, null));
        history("second page (cursor)", 300, plans, filter(null, null, null, null, null, null, null,
                Cursor.decode(firstPage.nextCursor())));
        history("page 10,000 deep (cursor)", 300, plans, filter(null, null, null, null, null, null, null,
                Cursor.decode(deepCursor)));
        history("status=FAILED (5%)", 300, plans, filter(null, null, ExecutionStatus.FAILED, null, null, null, null, null));
        history("status=PENDING (1%)", 300, plans, filter(null, null, ExecutionStatus.PENDING, null, null, null, null,
                null));
        history("status=RUNNING (1%)", 300, plans, filter(null, null, ExecutionStatus.RUNNING, null, null, null, null,
                null));
        history("automation (2%)", 300, plans, filter(null, automation, null, null, null, null, null, null));
        history("eventType=ADD_ARTIFACT_ALIAS (10%)", 300, plans, filter(null, null, null,
                EventType.ADD_ARTIFACT_ALIAS, null, null, null, null));
        history("from/to: one day, 10 days ago", 300, plans, filter(null, null, null, null, now.minusDays(10),
                now.minusDays(9), null, null));
        history("q=collection-17 (prefix of 11 of 200 collections)", 300, plans, filter(null, null, null, null, null,
                null, "Collection-17", null));
        history("q=user-42 (prefix of 11 of 500 authors)", 300, plans, filter(null, null, null, null, null, null,
                "user-42", null));
        history("q=nobody (no match)", 300, plans, filter(null, null, null, null, null, null, "nobody", null));
        history("project + FAILED + LINK_ARTIFACT + q=user-1", 300, plans, filter(project, null,
                ExecutionStatus.FAILED, EventType.LINK_ARTIFACT, null, null, "user-1", null));
        history("automation + FAILED + from/to 7 days", 300, plans, filter(null, automation, ExecutionStatus.FAILED,
                null, now.minusDays(7), now, null, null));
        history("PENDING + ADD_ARTIFACT_ALIAS + q=collection-1", 300, plans, filter(null, null,
                ExecutionStatus.PENDING, EventType.ADD_ARTIFACT_ALIAS, null, null, "collection-1", null));
        history("project + automation of another project (empty)", 300, plans, filter(project, automationOf(14),
                null, null, null, null, null, null));
        history("FINISHED + CREATE_ARTIFACT + from/to 30 days + q=u", 300, plans, filter(null, null,
                ExecutionStatus.FINISHED, EventType.CREATE_ARTIFACT, now.minusDays(30), now, "u", null));

        report.append("\n## Overview\n\n")
                .append("| query | server median ms | server max ms | EXPLAIN ANALYZE execution ms (sum of its queries) | target ms |\n")
                .append("|---|---:|---:|---:|---:|\n");
        measure("30 days, whole team", 500, plans, () -> overview.overview(TEAM, null, OverviewRange.LAST_30_DAYS, "GENERIC_WEBHOOK", List.of()),
                () -> recordedOverview.overview(TEAM, null, OverviewRange.LAST_30_DAYS, "GENERIC_WEBHOOK", List.of()));
        measure("30 days, one project", 500, plans, () -> overview.overview(TEAM, project, OverviewRange.LAST_30_DAYS, "GENERIC_WEBHOOK", List.of()),
                () -> recordedOverview.overview(TEAM, project, OverviewRange.LAST_30_DAYS, "GENERIC_WEBHOOK", List.of()));
        measure("7 days, whole team", 500, plans, () -> overview.overview(TEAM, null, OverviewRange.LAST_7_DAYS, "GENERIC_WEBHOOK", List.of()),
                () -> recordedOverview.overview(TEAM, null, OverviewRange.LAST_7_DAYS, "GENERIC_WEBHOOK", List.of()));
        measure("24 hours, whole team", 500, plans, () -> overview.overview(TEAM, null, OverviewRange.LAST_24_HOURS, "GENERIC_WEBHOOK", List.of()),
                () -> recordedOverview.overview(TEAM, null, OverviewRange.LAST_24_HOURS, "GENERIC_WEBHOOK", List.of()));

        report.append("\n## Plans\n\n");
        plans.forEach(report::append);
    }

    private void history(String name, long target, List<String> plans, HistoryFilter filter) throws Exception {
        measure(name, target, plans, () -> history.list(TEAM, filter), () -> recordedHistory.list(TEAM, filter));
    }

    private void measure(String name, long target, List<String> plans, Supplier<?> query, Supplier<?> recorded)
            throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            query.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        recorder.drain();
        recorded.get();
        double executionMs = 0;
        StringBuilder plan = new StringBuilder("### ").append(name).append("\n\n```\n");
        try (Connection connection = dataSource.getConnection()) {
            for (RecordingDataSource.Query sent : recorder.drain()) {
                plan.append(sent.sql().strip()).append("\n\n");
                for (String line : sent.explain(connection)) {
                    plan.append(line).append('\n');
                    if (line.startsWith("Execution Time:")) {
                        executionMs += Double.parseDouble(line.replaceAll("[^0-9.]", ""));
                    }
                }
                plan.append('\n');
            }
        }
        plans.add(plan.append("```\n\n").toString());
        String row = String.format("| %s | %.1f | %.1f | %.1f | %d |%n", name, millis[RUNS / 2], millis[RUNS - 1],
                executionMs, target);
        report.append(row);
        System.out.print(row);
    }

    private static HistoryFilter filter(UUID project, UUID automation, ExecutionStatus status, EventType type,
                                        OffsetDateTime from, OffsetDateTime to, String text, Cursor cursor) {
        return new HistoryFilter(project, automation, status, type, from, to, text, HistoryFilter.DEFAULT_LIMIT, cursor);
    }

    private static UUID project(int number) {
        return md5Uuid("project" + number);
    }

    private static UUID automationOf(int number) {
        return md5Uuid("automation" + number);
    }

    /** PostgreSQL's md5(text)::uuid, which the fill script names rows with. */
    private static UUID md5Uuid(String text) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (md5[i] & 0xff);
                low = (low << 8) | (md5[8 + i] & 0xff);
            }
            return new UUID(high, low);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor after the 500,000th execution, i.e. page 10,000 at 50 a page. */
    private String deepCursor() {
        return JdbcClient.create(dataSource).sql("""
                        select created_at, id from executions where team_id = ?
                        order by created_at desc, id desc offset 499999 limit 1""")
                .param(TEAM)
                .query((rs, n) -> new Cursor(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, UUID.class)).encode())
                .single();
    }

    private static void recreate(String server, String user) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + DATABASE);
            sql.execute("create database " + DATABASE);
        }
    }

    /** Fills the database; returns how long the overview rollup's backfill took, in ms. */
    private static long fill(DataSource dataSource) throws IOException, SQLException {
        String script;
        try (var in = HistoryBenchmark.class.getResourceAsStream("/load/history-bench-fill.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            // the rollup as the migration's backfill computes it from executions written past the engine
            connection.setAutoCommit(false);
            long rollup = System.nanoTime();
            OverviewBackfill.rebuild(connection, TEAM);
            connection.commit();
            rollup = (System.nanoTime() - rollup) / 1_000_000;
            connection.setAutoCommit(true);
            sql.execute("vacuum analyze");
            return rollup;
        }
    }

    private static ConfigurableApplicationContext start(String url, String user) {
        Map<String, Object> properties = Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", user,
                "spring.datasource.password", "",
                "server.port", 0,
                "cascade.admin.username", "bench",
                "cascade.admin.password", "bench-password",
                "cascade.secrets.key", Base64.getEncoder().encodeToString(new byte[32]),
                "cascade.secrets.key-file", "",
                "camunda.bpm.job-execution.enabled", false,
                "logging.level.root", "WARN");
        // As arguments, so they win over application.yaml (builder properties would be defaults, below it).
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CascadeApplication.class).run(arguments);
    }

    @SuppressWarnings("unchecked")
    private static <T> T construct(Class<T> type, Object... arguments) throws ReflectiveOperationException {
        // package-private constructors, as every bean's: the benchmark builds second instances on purpose
        Constructor<T> constructor = (Constructor<T>) Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> c.getParameterCount() == arguments.length).findFirst().orElseThrow();
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }
}
