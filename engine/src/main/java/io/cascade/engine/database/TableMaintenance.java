package io.cascade.engine.database;

import io.cascade.engine.common.Databases;
import io.cascade.engine.common.Periodic;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On a PostgreSQL whose autovacuum is off, does autovacuum's work on the tables of Cascade's schema (its own and
 * Camunda's) by autovacuum's rules, with the server's settings or the table's own:
 * <ul>
 *   <li>vacuums a table whose dead rows exceed {@code autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor
 *       × rows}, or whose rows inserted since its last vacuum exceed the {@code autovacuum_vacuum_insert_}
 *       threshold and scale factor's;</li>
 *   <li>analyzes one whose rows changed since its last analyze exceed {@code autovacuum_analyze_threshold +
 *       autovacuum_analyze_scale_factor × rows}.</li>
 * </ul>
 * Every delivered run leaves dead rows behind (its inbox row, Camunda's execution, variables and external task,
 * its own status changes); nothing reclaiming them, each later run's statements step over more of them. With
 * statistics older than the data the planner guesses, and some of its guesses grow with the backlog: with 5,000
 * runs waiting, Camunda read a fetched delivery task's variables through ACT_IDX_VARIABLE_TASK_NAME_TYPE, every
 * waiting run's, instead of by execution (2.5–5 ms a task instead of 0.07); its history cleanup scans whole
 * tables. Nothing is done while autovacuum is on, on H2, or with
 * {@code cascade.database.maintain-when-autovacuum-off: false} (the earlier
 * {@code cascade.database.analyze-when-autovacuum-off} is read too). One node at a time works (an advisory lock),
 * at autovacuum's cost delay, smallest tables first: the busy runtime tables do not wait behind a history table.
 */
@Component
public class TableMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);
    /** pg_try_advisory_lock(int, int): ('CASC', 3), beside the history cleanup's 1 and the overview's 2. */
    private static final int LOCK_CLASS = 0x43415343;
    private static final int LOCK_MAINTENANCE = 3;

    private final DataSource dataSource;
    private final boolean postgres;
    private final boolean enabled;
    private final Duration interval;
    private final Periodic scheduler = new Periodic("cascade-table-maintenance");

    TableMaintenance(DataSource dataSource,
                     @Value("${cascade.database.maintain-when-autovacuum-off:"
                             + "${cascade.database.analyze-when-autovacuum-off:true}}") boolean enabled,
                     @Value("${cascade.database.maintenance-interval:${cascade.database.analyze-interval:PT10S}}")
                     Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("cascade.database.maintenance-interval must be positive, not " + interval);
        }
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgreSql(dataSource);
        this.enabled = enabled;
        this.interval = interval;
    }

    /** A threshold plus a scale factor times the table's rows, past which autovacuum acts. */
    record Rule(double threshold, double scaleFactor) {

        /** Whether {@code count} passed it; {@code rows} is -1 for a table never analyzed or vacuumed. */
        boolean passedBy(long count, double rows) {
            return threshold >= 0 && count > threshold + scaleFactor * Math.max(rows, 0);
        }
    }

    /** The server's rules, each of which a table's own setting (its reloptions) overrides. */
    record Rules(Rule vacuum, Rule insertVacuum, Rule analyze) {
    }

    /** A table of the schema as its last vacuum and analyze left it. */
    record Table(String name, double rows, long deadRows, long insertedSinceVacuum, long modifiedSinceAnalyze,
                 Map<String, String> options) {

        boolean maintained() {
            return !"false".equalsIgnoreCase(options.getOrDefault("autovacuum_enabled", "true"));
        }

        boolean vacuumDue(Rules server) {
            return maintained() && (own("vacuum", server.vacuum()).passedBy(deadRows, rows)
                    || own("vacuum_insert", server.insertVacuum()).passedBy(insertedSinceVacuum, rows));
        }

        boolean analyzeDue(Rules server) {
            return maintained() && own("analyze", server.analyze()).passedBy(modifiedSinceAnalyze, rows);
        }

        private Rule own(String kind, Rule server) {
            String threshold = options.get("autovacuum_" + kind + "_threshold");
            String scaleFactor = options.get("autovacuum_" + kind + "_scale_factor");
            return new Rule(threshold != null ? Double.parseDouble(threshold) : server.threshold(),
                    scaleFactor != null ? Double.parseDouble(scaleFactor) : server.scaleFactor());
        }
    }

    /** What one pass did: the tables vacuumed and those analyzed (none when another node held the lock). */
    public record Pass(List<String> vacuumed, List<String> analyzed) {
    }

    /** Whether this node maintains the tables: PostgreSQL with autovacuum off, and not switched off here. */
    public boolean active() {
        return enabled && postgres && !"on".equals(JdbcClient.create(dataSource).sql("show autovacuum")
                .query(String.class).single());
    }

    /**
     * Vacuums and analyzes the tables that are due, each in a statement of its own (VACUUM runs outside a
     * transaction), on one connection that holds the lock meanwhile.
     */
    public Pass maintainDue() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try {
                return maintainDue(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not maintain the tables: " + e.getMessage(), e);
        }
    }

    private Pass maintainDue(Connection connection) throws SQLException {
        if (!lock(connection, "pg_try_advisory_lock")) {
            return new Pass(List.of(), List.of());
        }
        try (Statement statement = connection.createStatement()) {
            // autovacuum's pace (its cost delay): a large table's vacuum or sample yields to ingest's reads
            statement.execute("""
                    select set_config('vacuum_cost_delay', case when current_setting('autovacuum_vacuum_cost_delay')
                    like '-%' then current_setting('vacuum_cost_delay')
                    else current_setting('autovacuum_vacuum_cost_delay') end, false)""");
            try {
                Rules server = rules(statement);
                List<String> vacuumed = new ArrayList<>();
                List<String> analyzed = new ArrayList<>();
                for (Table table : tables(connection)) {
                    boolean vacuum = table.vacuumDue(server);
                    boolean analyze = table.analyzeDue(server);
                    if (!vacuum && !analyze) {
                        continue;
                    }
                    // the name comes from the catalog; quoted all the same
                    String name = "\"" + table.name().replace("\"", "\"\"") + "\"";
                    statement.execute(vacuum && analyze ? "vacuum (analyze) " + name
                            : vacuum ? "vacuum " + name : "analyze " + name);
                    if (vacuum) {
                        vacuumed.add(table.name());
                    }
                    if (analyze) {
                        analyzed.add(table.name());
                    }
                }
                return new Pass(vacuumed, analyzed);
            } finally {
                statement.execute("reset vacuum_cost_delay");
            }
        } finally {
            lock(connection, "pg_advisory_unlock");
        }
    }

    private static boolean lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?, ?)")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setInt(2, LOCK_MAINTENANCE);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static Rules rules(Statement statement) throws SQLException {
        Map<String, Double> settings = new HashMap<>();
        try (ResultSet result = statement.executeQuery("""
                select name, setting::float8 from pg_settings where name in ('autovacuum_vacuum_threshold',
                'autovacuum_vacuum_scale_factor', 'autovacuum_vacuum_insert_threshold',
                'autovacuum_vacuum_insert_scale_factor', 'autovacuum_analyze_threshold',
                'autovacuum_analyze_scale_factor')""")) {
            while (result.next()) {
                settings.put(result.getString(1), result.getDouble(2));
            }
        }
        return new Rules(
                new Rule(settings.get("autovacuum_vacuum_threshold"), settings.get("autovacuum_vacuum_scale_factor")),
                new Rule(settings.get("autovacuum_vacuum_insert_threshold"),
                        settings.get("autovacuum_vacuum_insert_scale_factor")),
                new Rule(settings.get("autovacuum_analyze_threshold"),
                        settings.get("autovacuum_analyze_scale_factor")));
    }

    private static List<Table> tables(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("""
                     select s.relname, c.reltuples, s.n_dead_tup, s.n_ins_since_vacuum, s.n_mod_since_analyze,
                            c.reloptions
                     from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                     where s.schemaname = current_schema()
                     order by c.relpages, s.relname""")) {
            while (result.next()) {
                tables.add(new Table(result.getString(1), result.getDouble(2), result.getLong(3), result.getLong(4),
                        result.getLong(5), options(result.getArray(6))));
            }
        }
        return tables;
    }

    /** A table's reloptions, name=value each. */
    private static Map<String, String> options(Array reloptions) throws SQLException {
        Map<String, String> options = new HashMap<>();
        if (reloptions != null) {
            for (Object option : (Object[]) reloptions.getArray()) {
                String text = option.toString();
                int equals = text.indexOf('=');
                if (equals > 0) {
                    options.put(text.substring(0, equals), text.substring(equals + 1));
                }
            }
        }
        return options;
    }

    private void pass() {
        try {
            Pass pass = maintainDue();
            if (!pass.vacuumed().isEmpty() || !pass.analyzed().isEmpty()) {
                log.debug("vacuumed {}, analyzed {}", pass.vacuumed(), pass.analyzed());
            }
        } catch (RuntimeException e) {
            log.warn("could not vacuum or analyze tables, will try again: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        boolean keep;
        try {
            keep = active();
        } catch (RuntimeException e) {
            log.warn("could not tell whether PostgreSQL's autovacuum runs: {}", e.getMessage());
            return;
        }
        if (!keep) {
            return;
        }
        log.info("PostgreSQL runs with autovacuum off: Cascade vacuums and analyzes the tables of its schema by "
                + "autovacuum's rules, checking every {} (cascade.database.maintain-when-autovacuum-off)", interval);
        scheduler.start(Duration.ZERO, interval, this::pass);
    }

    @Override
    public void stop() {
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return scheduler.isRunning();
    }
}
