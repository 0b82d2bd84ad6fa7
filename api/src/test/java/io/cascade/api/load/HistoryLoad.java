package io.cascade.api.load;

import io.cascade.engine.execution.OverviewBackfill;
import io.cascade.engine.retention.HistoryRetention;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throughput with history, and ingest while history is removed: the two measures of the throughput
 * issue that need a full database. The whole application runs in this JVM (as EventLoad starts it)
 * on a database this class recreates, and EventLoad sends the events.
 *
 * <p><b>Flat:</b> closed-loop rounds on the empty database (after a warm-up round), then
 * {@code executions} finished webhook runs of the load's team are written by SQL
 * ({@code load/history-load-fill.sql}: events, executions, attempts and Camunda's history of each run,
 * accepted over the last 30 days) and the overview rollup rebuilt from them, then the same rounds
 * again. A short recorded round then captures every statement the application sends on the path
 * event → match → deliver (its own and Camunda's), and each is run again under EXPLAIN (ANALYZE,
 * BUFFERS) in a transaction rolled back, with the indexes its plan uses.
 *
 * <p><b>Cleanup:</b> another {@code executions} runs are written, all accepted within one day just
 * past the retention (so all due for removal), then open-loop rounds ({@code rate} events/s for
 * {@code duration} s): one before the cleanup, then rounds while HistoryRetention.removeExpired()
 * and Camunda's history cleanup (its job, started at once) remove them, then one after. Reports
 * ingest and latency per round, how long each removal took, and what the database's backends
 * waited on meanwhile.
 *
 * <p>Run with {@code ./mvnw -B -pl api -am -Pload -Dskip.npm process-test-classes
 * -Dload.main=io.cascade.api.load.HistoryLoad -Dload.args="executions=50000"}; writes
 * {@code target/history-load.md}. The database (default {@code cascade_history_load}) is dropped and
 * created again.
 */
public final class HistoryLoad {

    private static final Pattern INDEX = Pattern.compile(
            "(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\\S+)(?: on (\\S+))?");
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\S+)");
    private static final Set<String> LARGE = Set.of("events", "executions", "execution_attempts", "act_hi_procinst",
            "act_hi_actinst", "act_hi_varinst", "overview_hours", "overview_latency", "overview_team_latency");

    private final Map<String, String> settings;
    private final ConfigurableApplicationContext app;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final RecordingDataSource recorder;
    private final LoadReceiver receiver;
    private final EventLoad closedLoop;
    private final StringBuilder report = new StringBuilder();
    private final List<String> rows = new ArrayList<>();
    private int nextSequence;
    private int roundNumber;

    private HistoryLoad(Map<String, String> settings, ConfigurableApplicationContext app, RecordingDataSource recorder,
                        LoadReceiver receiver) {
        this.settings = settings;
        this.app = app;
        this.dataSource = app.getBean(DataSource.class);
        this.jdbc = JdbcClient.create(dataSource);
        this.recorder = recorder;
        this.receiver = receiver;
        this.closedLoop = EventLoad.on(app, loadSettings("events=" + settings.get("events"),
                "clients=" + settings.get("clients")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        recreate(settings.get("db"), settings.get("db.user"), settings.get("db.password"));
        RecordingDataSource recorder = new RecordingDataSource();
        recorder.recording(false);
        Map<String, Object> more = Map.of(
                // the harness runs Cascade's removal itself, so it can time it
                "cascade.history.cleanup-interval", "PT24H",
                "cascade.history.retention", "P" + settings.get("retentionDays") + "D");
        ApplicationContextInitializer<ConfigurableApplicationContext> recording = context ->
                context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return "dataSource".equals(name) && bean instanceof DataSource target ? recorder.wrap(target) : bean;
                    }
                });
        try (ConfigurableApplicationContext app = EventLoad.start(settings.get("db"), settings.get("db.user"),
                settings.get("db.password"), more, recording); LoadReceiver receiver = new LoadReceiver()) {
            HistoryLoad load = new HistoryLoad(settings, app, recorder, receiver);
            load.run();
            load.save();
            System.out.println(load.report);
            System.out.println("Report written to " + Path.of(settings.get("report")).toAbsolutePath());
        }
        System.exit(0);
    }

    private void run() throws Exception {
        int executions = Integer.parseInt(settings.get("executions"));
        int automations = closedLoop.setUp(receiver);
        report.append("# History load, ").append(OffsetDateTime.now().withNano(0)).append("\n\n- ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append("; application, clients and receiver in one JVM (EventLoad), database `")
                .append(settings.get("db")).append("`\n- ").append(automations)
                .append(" automations; every load event fires exactly one webhook, delivered to the receiver\n- ")
                .append(String.format(Locale.ROOT, "filled: %,d finished webhook runs", executions))
                .append(" per fill (load/history-load-fill.sql)\n- load average at the start: ").append(loadAverage())
                .append("\n\n");
        Set<String> phases = Set.of(settings.get("phases").split(","));
        section("Warm-up");
        measure("warm-up (not counted)", closedLoop.with(loadSettings(
                "events=" + Math.max(100, closedLoop.eventsPerRound() / 2), "clients=" + settings.get("clients"))));
        if (phases.contains("flat")) {
            flat(executions);
        }
        if (phases.contains("cleanup")) {
            cleanup(executions);
        }
        report.append("\nLoad average at the end: ").append(loadAverage()).append('\n');
    }

    // --- flat -------------------------------------------------------------------------------------

    private void flat(int executions) throws Exception {
        int rounds = Integer.parseInt(settings.get("rounds"));
        section("Flat with history: closed loop, " + settings.get("clients") + " clients, " + settings.get("events")
                + " events a round");
        List<Round> empty = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            empty.add(measure("empty database", closedLoop));
        }
        // accepted from 30 days less 6 hours ago until an hour ago: none expires while the harness runs
        long filled = fill("flat", executions, now().minusDays(retentionDays()).plusHours(6),
                Duration.ofDays(retentionDays()).minusHours(7));
        note(String.format(Locale.ROOT, "Filled %,d runs (%s) in %d s, overview rebuilt and vacuum analyze included.",
                executions, counts(), filled));
        List<Round> full = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            full.add(measure("after the fill", closedLoop));
        }
        flushRows();
        double emptyRate = acceptedRate(empty);
        double fullRate = acceptedRate(full);
        double emptyDelivered = deliveredRate(empty);
        double fullDelivered = deliveredRate(full);
        report.append(String.format(Locale.ROOT, """

                Accepted events/s, mean of the rounds: empty %.1f, with history %.1f: **ratio %.2f** \
                (target ≥ 0.90). Delivered webhooks/s: empty %.1f, with history %.1f: ratio %.2f.

                """, emptyRate, fullRate, fullRate / emptyRate, emptyDelivered, fullDelivered,
                fullDelivered / emptyDelivered));
        explainHotPath();
    }

    private static double acceptedRate(List<Round> rounds) {
        return rounds.stream().mapToDouble(r -> r.events() / (r.acceptNanos() / 1e9)).average().orElse(0);
    }

    private static double deliveredRate(List<Round> rounds) {
        return rounds.stream().mapToDouble(r -> (r.events() - r.undelivered()) / (r.deliverNanos() / 1e9)).average()
                .orElse(0);
    }

    /** A small round with every statement recorded; each distinct one explained, with the indexes it uses. */
    private void explainHotPath() throws Exception {
        int sample = Integer.parseInt(settings.get("sample"));
        EventLoad recorded = closedLoop.with(loadSettings("events=" + sample, "clients=2"));
        recorder.drain();
        recorder.recording(true);
        Round round = recorded.round(++roundNumber, nextSequence, receiver);
        nextSequence += sample;
        Thread.sleep(1000); // the last deliveries' answers are recorded
        recorder.recording(false);
        List<RecordingDataSource.Query> sent = recorder.drain();
        section(String.format(Locale.ROOT, "Hot path at %s: every statement of %d events (closed loop, 2 clients, "
                + "%d delivered)", counts(), sample, sample - round.undelivered()));
        report.append("""
                Every statement the application sent (its own and Camunda's, through the pool) while the round's \
                events were accepted, matched, started and delivered, run again with the same parameters under \
                EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back. An insert that collides with the \
                row it already wrote is explained without ANALYZE. Scans: the index each plan reads, and every \
                sequential scan (of a table with history in it: **bold**).

                """);
        report.append(explained(sent, "per event", sample, "hot"));
        save();
    }

    /**
     * Each distinct statement of {@code sent} explained: a table (how often it ran, divided by
     * {@code per}; the indexes its plan reads) and then the plans, numbered {@code tag}-n.
     */
    private String explained(List<RecordingDataSource.Query> sent, String perName, double per, String tag)
            throws SQLException {
        Map<String, List<RecordingDataSource.Query>> distinct = new LinkedHashMap<>();
        for (RecordingDataSource.Query query : sent) {
            distinct.computeIfAbsent(normalize(query.sql()), k -> new ArrayList<>()).add(query);
        }
        StringBuilder table = new StringBuilder("| # | statement | " + perName + " | scans | execution ms |\n"
                + "|---|---|---:|---|---:|\n");
        StringBuilder plans = new StringBuilder("\n### Plans (" + tag + ")\n\n");
        int number = 0;
        try (Connection connection = dataSource.getConnection(); Statement settings = connection.createStatement()) {
            // a statement that would wait on a row the application holds gives up instead of stalling the harness
            settings.execute("set lock_timeout = '5s'");
            connection.setAutoCommit(false);
            for (List<RecordingDataSource.Query> same : distinct.values()) {
                number++;
                RecordingDataSource.Query query = same.get(0);
                List<String> plan = explain(connection, query);
                String time = plan.stream().filter(l -> l.startsWith("Execution Time:"))
                        .map(l -> l.replaceAll("[^0-9.]", "")).findFirst().orElse("");
                table.append(String.format(Locale.ROOT, "| %s-%d | `%s` | %.2f | %s | %s |%n", tag, number,
                        abbreviate(normalize(query.sql())), same.size() / per, scans(plan), time));
                plans.append("#### ").append(tag).append('-').append(number).append("\n\n```\n")
                        .append(query.sql().lines().filter(l -> !l.isBlank()).map(String::stripTrailing)
                                .collect(Collectors.joining("\n"))).append("\n\n");
                plan.forEach(line -> plans.append(line).append('\n'));
                plans.append("```\n\n");
            }
        }
        return table.append(plans).toString();
    }

    /** The statements removing expired history (Cascade's and Camunda's), recorded for a few seconds. */
    private String deletePath() {
        try {
            Thread.sleep(20_000);
            recorder.drain();
            recorder.recording(true);
            Thread.sleep(5_000);
            recorder.recording(false);
            List<RecordingDataSource.Query> removal = recorder.drain().stream().filter(q -> {
                String sql = normalize(q.sql()).toLowerCase(Locale.ROOT);
                if (sql.startsWith("insert") || sql.startsWith("update")) {
                    return false; // the ingest's own history rows carry a removal time too
                }
                return sql.startsWith("delete") || sql.contains("removal_time_") || sql.contains("where created_at <")
                        || sql.contains("where event_id in") || sql.contains("advisory");
            }).toList();
            return "Every statement that removes expired history or finds it, recorded for 5 s from 20 s into the "
                    + "cleanup (while it ran beside the ingest), run again the same way as those of the hot path. "
                    + "Statements of many ids are explained with the ids of the batch they removed, so their ANALYZE "
                    + "finds those rows gone.\n\n" + explained(removal, "times in 5 s", 1, "delete");
        } catch (Exception e) {
            return "Could not record the delete path: " + e + "\n";
        }
    }

    private static List<String> explain(Connection connection, RecordingDataSource.Query query) throws SQLException {
        try {
            return query.explain(connection);
        } catch (SQLException analyzeFailed) {
            connection.rollback();
            List<String> plan = new ArrayList<>();
            plan.add("(ANALYZE failed: " + analyzeFailed.getMessage().lines().findFirst().orElse("") + ")");
            try (var explain = connection.prepareStatement("explain " + query.sql())) {
                for (RecordingDataSource.Binding binding : query.bindings()) {
                    binding.apply(explain);
                }
                try (var rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            } catch (SQLException explainFailed) {
                plan.add("(EXPLAIN failed: " + explainFailed.getMessage().lines().findFirst().orElse("") + ")");
            }
            return plan;
        } finally {
            connection.rollback();
        }
    }

    private static String scans(List<String> plan) {
        Set<String> scans = new TreeSet<>();
        for (String line : plan) {
            Matcher index = INDEX.matcher(line);
            if (index.find()) {
                scans.add(index.group(2) + (index.group(1).startsWith("Index Only") ? " (index only)" : ""));
            }
            Matcher seq = SEQ_SCAN.matcher(line);
            if (seq.find()) {
                String table = seq.group(1);
                scans.add(LARGE.contains(table) ? "**seq scan of " + table + "**" : "seq scan of " + table);
            }
        }
        return scans.isEmpty() ? "none" : String.join(", ", scans);
    }

    private static String normalize(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private static String abbreviate(String sql) {
        String shown = sql.length() > 160 ? sql.substring(0, 157) + "..." : sql;
        return shown.replace("|", "\\|").replace("`", "'");
    }

    // --- cleanup ----------------------------------------------------------------------------------

    private void cleanup(int executions) throws Exception {
        int rate = Integer.parseInt(settings.get("rate"));
        int duration = Integer.parseInt(settings.get("duration"));
        section("Cleanup during ingest: open loop, " + rate + " events/s offered, rounds of " + duration + " s");
        // Camunda's cleanup job would start on its own once the expired runs are there; it starts when told to below
        jdbc.sql("update act_ru_job set duedate_ = now() + interval '1 day' where handler_type_ = 'history-cleanup'")
                .update();
        OffsetDateTime day = now().minusDays(retentionDays() + 1).minusHours(1);
        long filled = fill("day", executions, day, Duration.ofDays(1));
        note(String.format(Locale.ROOT, "Filled %,d runs accepted from %s over one day (all past the retention of %d days) "
                + "in %d s; now %s.", executions, day.withNano(0), retentionDays(), filled, counts()));
        EventLoad openLoop = closedLoop.with(loadSettings("rate=" + rate, "duration=" + duration));
        measure("before the cleanup", openLoop);

        long start = System.nanoTime();
        Progress progress = new Progress();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> sample(progress, start));
        CompletableFuture<String> cascade = CompletableFuture.supplyAsync(() -> {
            HistoryRetention.Removed removed = app.getBean(HistoryRetention.class).removeExpired();
            return String.format(Locale.ROOT, "Cascade (HistoryRetention.removeExpired, batches of %s events): "
                            + "%,d events and %,d rows in all removed in %.1f s",
                    app.getEnvironment().getProperty("cascade.history.cleanup-batch-size"), removed.events(),
                    removed.rows(), (System.nanoTime() - start) / 1e9);
        });
        app.getBean(HistoryService.class).cleanUpHistoryAsync(true);
        CompletableFuture<String> deletePath = CompletableFuture.supplyAsync(this::deletePath);
        Duration limit = Duration.parse(settings.get("cleanupTimeout"));
        while (true) {
            String running = cascade.isDone() ? "Camunda's" : progress.camundaDoneAfter > 0 ? "Cascade's"
                    : "Cascade's and Camunda's";
            Round during = measure("during " + running + " removal", openLoop);
            if ((cascade.isDone() && progress.camundaDoneAfter > 0) || System.nanoTime() - start > limit.toNanos()) {
                break;
            }
            if (during.undelivered() > 0) {
                note("Round " + during.number() + " left events undelivered; stopping the rounds.");
                break;
            }
        }
        progress.sampling = false;
        sampler.join();
        measure("after the removal (or at the time limit)", openLoop);
        flushRows();
        report.append("\n- ").append(cascade.isDone() ? cascade.join() : "Cascade's removal still running at the "
                + "time limit of " + limit).append('\n');
        String batch = app.getEnvironment().getProperty("camunda.bpm.generic-properties.properties.historyCleanupBatchSize");
        report.append("- ").append(progress.camundaDoneAfter > 0 ? String.format(Locale.ROOT,
                "Camunda (history cleanup job, batches of %s): expired rows of ACT_HI_PROCINST, ACT_HI_ACTINST and "
                        + "ACT_HI_VARINST all removed within %.0f s (checked every 5 s)", batch, progress.camundaDoneAfter)
                : String.format(Locale.ROOT, "Camunda (history cleanup job, batches of %s): NOT done at the time limit "
                        + "of %s", batch, limit)).append('\n');
        report.append("- Camunda's expired rows left (ACT_HI_PROCINST + ACT_HI_ACTINST + ACT_HI_VARINST), by seconds "
                + "since the cleanup began: ").append(String.join(", ", progress.camundaLeft)).append('\n');
        report.append("- now ").append(counts()).append('\n');
        report.append("\n### Delete path\n\n").append(deletePath.join());
        report.append("- backends of this database waiting, sampled every 0.5 s during the cleanup (wait event: "
                + "samples): ").append(progress.waits.isEmpty() ? "none" : progress.waits.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")))
                .append("; most waiting on a lock at once: ").append(progress.maxLockWaiters).append('\n');
        if (!cascade.isDone()) {
            cascade.join();
        }
    }

    /** What the sampler saw during the cleanup. */
    private static final class Progress {
        volatile boolean sampling = true;
        volatile double camundaDoneAfter;
        final Map<String, Integer> waits = new TreeMap<>();
        final List<String> camundaLeft = new ArrayList<>();
        int maxLockWaiters;
    }

    private long expiredCamundaRows() {
        java.sql.Timestamp now = java.sql.Timestamp.valueOf(now().toLocalDateTime());
        long sum = 0;
        for (String table : List.of("act_hi_procinst", "act_hi_actinst", "act_hi_varinst")) {
            sum += jdbc.sql("select count(*) from " + table + " where removal_time_ < ?").param(now)
                    .query(Long.class).single();
        }
        return sum;
    }

    /** Every 0.5 s what the backends wait on; every 5 s (until none are left) Camunda's expired rows. */
    private void sample(Progress progress, long start) {
        for (int tick = 0; progress.sampling; tick++) {
            if (tick % 10 == 0 && progress.camundaDoneAfter == 0) {
                long left = expiredCamundaRows();
                double after = (System.nanoTime() - start) / 1e9;
                if (tick % 60 == 0 || left == 0) {
                    progress.camundaLeft.add(String.format(Locale.ROOT, "%.0f s: %,d", after, left));
                }
                if (left == 0) {
                    progress.camundaDoneAfter = after;
                }
            }
            sampleWaits(progress);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sampleWaits(Progress progress) {
        List<Map<String, Object>> waiting = jdbc.sql("""
                select wait_event_type, wait_event from pg_stat_activity
                where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
                and wait_event_type is not null and wait_event_type not in ('Client', 'Activity')""")
                .query().listOfRows();
        int locks = 0;
        for (Map<String, Object> row : waiting) {
            progress.waits.merge(row.get("wait_event_type") + "/" + row.get("wait_event"), 1, Integer::sum);
            if ("Lock".equals(row.get("wait_event_type"))) {
                locks++;
            }
        }
        progress.maxLockWaiters = Math.max(progress.maxLockWaiters, locks);
    }

    // --- the fill ---------------------------------------------------------------------------------

    /** Writes {@code count} finished runs accepted from {@code from} over {@code span}; seconds it took in all. */
    private long fill(String prefix, int count, OffsetDateTime from, Duration span) throws IOException, SQLException {
        long start = System.nanoTime();
        String team = closedLoop.team();
        UUID teamId = jdbc.sql("select id from teams where name = ?").param(team).query(UUID.class).single();
        List<Map<String, Object>> automations = jdbc.sql("""
                select a.id, a.name, a.project_id, p.name as project_name from automations a
                join projects p on p.id = a.project_id where p.team_id = ? and a.deleted = false order by a.name""")
                .param(teamId).query().listOfRows();
        String action = jdbc.sql("select action from executions where team_id = ? limit 1").param(teamId)
                .query(String.class).single();
        String definition = jdbc.sql("""
                select id_ from act_re_procdef where key_ = 'webhook-action' and tenant_id_ is null
                order by version_ desc limit 1""").query(String.class).single();
        String script;
        try (var in = HistoryLoad.class.getResourceAsStream("/load/history-load-fill.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("automation_ids", array(automations, "id"));
        values.put("automation_names", array(automations, "name"));
        values.put("project_ids", array(automations, "project_id"));
        values.put("project_names", array(automations, "project_name"));
        values.put("automation_count", Integer.toString(automations.size()));
        values.put("count", Integer.toString(count));
        values.put("prefix", prefix);
        values.put("from", literal(from.toString()));
        values.put("span_seconds", Long.toString(span.toSeconds()));
        values.put("team_id", literal(teamId.toString()));
        values.put("team_name", team);
        values.put("action", literal(action));
        values.put("definition_id", literal(definition));
        values.put("retention_days", Integer.toString(retentionDays()));
        for (Map.Entry<String, String> value : values.entrySet()) {
            script = script.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("set synchronous_commit = off");
            for (String statement : script.split(";\\s*\\n")) {
                if (!statement.strip().replaceAll("(?m)^--.*$", "").isBlank()) {
                    sql.execute(statement);
                }
            }
            // the rollup as the migration's backfill computes it; no execution of the team is being written now
            connection.setAutoCommit(false);
            OverviewBackfill.rebuild(connection, teamId);
            connection.commit();
            connection.setAutoCommit(true);
            sql.execute("vacuum analyze");
        }
        return (System.nanoTime() - start) / 1_000_000_000;
    }

    private static String array(List<Map<String, Object>> rows, String column) {
        return "array[" + rows.stream().map(r -> literal(String.valueOf(r.get(column))))
                .collect(Collectors.joining(",")) + "]";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    // --- rounds and the report --------------------------------------------------------------------

    private Round measure(String label, EventLoad load) throws Exception {
        String before = executionsNow();
        RoundCost.Counters counters = RoundCost.Counters.read(dataSource);
        Round round = load.round(++roundNumber, nextSequence, receiver);
        nextSequence += round.events();
        RoundCost cost = RoundCost.Counters.read(dataSource).since(counters, round.number(), round.events());
        String row = "| " + label + " | " + before + " | " + loadAverage() + " " + after(round.row(), 2)
                + after(cost.row(), 1).substring(1);
        rows.add(row);
        System.out.println(row);
        return round;
    }

    /** A Markdown row from its {@code cells}-th cell on: "| a | b | c |" after 1 is "| b | c |". */
    private static String after(String row, int cells) {
        int at = 0;
        for (int i = 0; i < cells; i++) {
            at = row.indexOf('|', at + 1);
        }
        return row.substring(at);
    }

    private void flushRows() {
        report.append("""
                | round | executions before it | load average (1 min) | accepted events/s | accept p50 / p99 ms \
                | delivered webhooks/s | event → delivery p50 / p99 ms | refused | undelivered | duplicates \
                | JVM CPU ms per event | commits per event | rows inserted / updated / deleted per event |
                |---|---:|---|---:|---|---:|---|---:|---:|---:|---:|---:|---|
                """);
        rows.forEach(row -> report.append(row).append('\n'));
        rows.clear();
        save();
    }

    /** The report so far, so a run stopped halfway leaves what it measured. */
    private void save() {
        try {
            Path out = Path.of(settings.get("report"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            System.out.println("could not write the report: " + e);
        }
    }

    private String executionsNow() {
        return String.format(Locale.ROOT, "%,d", jdbc.sql("select count(*) from executions").query(Long.class).single());
    }

    private String counts() {
        return String.format(Locale.ROOT, "%s executions, %,d ACT_HI_PROCINST, %,d ACT_HI_ACTINST, %,d ACT_HI_VARINST",
                executionsNow(), count("act_hi_procinst"), count("act_hi_actinst"), count("act_hi_varinst"));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private void section(String title) {
        flushIfAny();
        report.append("\n## ").append(title).append("\n\n");
    }

    private void flushIfAny() {
        if (!rows.isEmpty()) {
            flushRows();
        }
    }

    private void note(String text) {
        flushIfAny();
        report.append(text).append("\n\n");
        System.out.println(text);
        save();
    }

    private int retentionDays() {
        return Integer.parseInt(settings.get("retentionDays"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private EventLoad.Settings loadSettings(String... more) {
        List<String> args = new ArrayList<>(List.of("db=" + settings.get("db"), "db.user=" + settings.get("db.user"),
                "db.password=" + settings.get("db.password"), "automations=" + settings.get("automations"),
                "projects=" + settings.get("projects"), "timeout=" + settings.get("timeout")));
        args.addAll(List.of(more));
        return EventLoad.Settings.parse(args.toArray(String[]::new));
    }

    private static void recreate(String url, String user, String password) throws SQLException {
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name " + database + ": lower-case letters, digits and _ only");
        }
        try (Connection admin = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", user, password);
             Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
            sql.execute("create database " + database);
        }
    }

    private static Map<String, String> settings(String[] args) {
        Map<String, String> values = LoadArguments.withDatabase("cascade_history_load");
        // finished runs written per fill (the flat phase's history, and the cleanup phase's expired day)
        values.put("executions", "1000000");
        values.put("phases", "flat,cleanup");
        values.put("automations", "1000");
        values.put("projects", "100");
        // flat: closed-loop rounds on the empty database and again after the fill
        values.put("clients", "8");
        values.put("events", "2000");
        values.put("rounds", "2");
        // events of the recorded round whose statements are explained
        values.put("sample", "20");
        // cleanup: open-loop rounds
        values.put("rate", "30");
        values.put("duration", "60");
        values.put("cleanupTimeout", "PT20M");
        values.put("retentionDays", "30");
        values.put("timeout", "PT5M");
        values.put("report", "target/history-load.md");
        LoadArguments.apply(values, args);
        return values;
    }
}
