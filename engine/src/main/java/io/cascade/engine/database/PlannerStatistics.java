package io.cascade.engine.database;

import io.cascade.engine.common.Databases;
import io.cascade.engine.common.Periodic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a PostgreSQL whose autovacuum is off, analyzes the tables of Cascade's schema (its own and
 * Camunda's) as autovacuum would: a table whose rows changed since its last analyze by more than
 * {@code autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × rows} (the server's settings,
 * or the table's own) is analyzed. With statistics older than the data the planner guesses, and some of
 * its guesses grow with the backlog: with 5,000 runs waiting, Camunda read a fetched delivery task's
 * variables through ACT_IDX_VARIABLE_TASK_NAME_TYPE, every waiting run's, instead of by execution
 * (2.5–5 ms a task instead of 0.07); its history cleanup scans whole tables. Nothing is done while
 * autovacuum is on, on H2, or with {@code cascade.database.analyze-when-autovacuum-off: false}; one
 * node at a time analyzes (an advisory lock), at autovacuum's cost delay.
 */
@Component
public class PlannerStatistics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);
    /** pg_try_advisory_xact_lock(int, int): ('CASC', 3), beside the history cleanup's 1 and the overview's 2. */
    private static final int LOCK_CLASS = 0x43415343;
    private static final int LOCK_ANALYZE = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final boolean postgres;
    private final boolean enabled;
    private final Duration interval;
    private final Periodic scheduler = new Periodic("cascade-analyze");

    PlannerStatistics(DataSource dataSource, PlatformTransactionManager transactions,
                      @Value("${cascade.database.analyze-when-autovacuum-off:true}") boolean enabled,
                      @Value("${cascade.database.analyze-interval:PT10S}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("cascade.database.analyze-interval must be positive, not " + interval);
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.postgres = Databases.isPostgreSql(dataSource);
        this.enabled = enabled;
        this.interval = interval;
    }

    /** A table of the schema as its last analyze left it: rows changed since, rows it counted, its own settings. */
    record Table(String name, long modifiedSinceAnalyze, double rows, Double ownThreshold, Double ownScaleFactor) {

        /** Autovacuum's rule; {@code rows} is -1 for a table never analyzed. */
        boolean due(double threshold, double scaleFactor) {
            double base = ownThreshold != null ? ownThreshold : threshold;
            double scale = ownScaleFactor != null ? ownScaleFactor : scaleFactor;
            return modifiedSinceAnalyze > base + scale * Math.max(rows, 0);
        }
    }

    /** Whether this node keeps statistics: PostgreSQL with autovacuum off, and not switched off here. */
    public boolean active() {
        return enabled && postgres && !"on".equals(jdbc.sql("show autovacuum").query(String.class).single());
    }

    /**
     * Analyzes the tables that are due, in one transaction; returns their names (none when another node
     * holds the lock).
     */
    public List<String> analyzeDue() {
        List<String> analyzed = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?, ?)")
                    .params(LOCK_CLASS, LOCK_ANALYZE).query(Boolean.class).single())) {
                return List.of();
            }
            // autovacuum's pace (its cost delay): a large history table's sample yields to ingest's reads
            jdbc.sql("""
                            select set_config('vacuum_cost_delay', case when current_setting('autovacuum_vacuum_cost_delay')
                            like '-%' then current_setting('vacuum_cost_delay')
                            else current_setting('autovacuum_vacuum_cost_delay') end, true)""")
                    .query(String.class).single();
            double threshold = jdbc.sql("show autovacuum_analyze_threshold").query(Double.class).single();
            double scaleFactor = jdbc.sql("show autovacuum_analyze_scale_factor").query(Double.class).single();
            List<String> due = new ArrayList<>();
            for (Table table : tables()) {
                if (table.due(threshold, scaleFactor)) {
                    // the name comes from the catalog; quoted all the same
                    jdbc.sql("analyze \"" + table.name().replace("\"", "\"\"") + "\"").update();
                    due.add(table.name());
                }
            }
            return due;
        });
        return analyzed == null ? List.of() : analyzed;
    }

    private List<Table> tables() {
        return jdbc.sql("""
                        select s.relname, s.n_mod_since_analyze, c.reltuples,
                               (select split_part(o, '=', 2)::float8 from unnest(c.reloptions) o
                                where o like 'autovacuum_analyze_threshold=%') as own_threshold,
                               (select split_part(o, '=', 2)::float8 from unnest(c.reloptions) o
                                where o like 'autovacuum_analyze_scale_factor=%') as own_scale_factor
                        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                        where s.schemaname = current_schema()""")
                .query((rs, n) -> new Table(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                        (Double) rs.getObject(4), (Double) rs.getObject(5)))
                .list();
    }

    private void pass() {
        try {
            List<String> analyzed = analyzeDue();
            if (!analyzed.isEmpty()) {
                log.debug("analyzed {}", analyzed);
            }
        } catch (RuntimeException e) {
            log.warn("could not analyze tables, will try again: {}", e.getMessage());
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
        log.info("PostgreSQL runs with autovacuum off: Cascade analyzes the tables of its schema once enough of "
                + "their rows changed, checking every {} (cascade.database.analyze-when-autovacuum-off)", interval);
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
