package io.cascade.engine.camunda;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, has autovacuum vacuum and analyze Camunda's three history tables that every run writes (5 rows
 * a delivered webhook run) after 1% of their rows changed instead of PostgreSQL's 20% (vacuum) and 10%
 * (analyze). Camunda's history cleanup deletes with {@code ... WHERE ID_ IN (SELECT ID_ ... WHERE REMOVAL_TIME_
 * <= ? LIMIT ?)}: each batch walks again past every row (or removal-time index entry) earlier batches deleted
 * until a vacuum removes them, and once a table has no expired rows left, statistics that still count them make
 * the planner scan the whole table for each batch. A table a database owner gave autovacuum settings of their
 * own keeps them. Set once the engine has built (its tables exist, whether or not our Flyway migrations ran
 * first); skipped on H2.
 */
@Component
class HistoryTableVacuum extends AbstractProcessEnginePlugin {

    static final List<String> TABLES = List.of("act_hi_procinst", "act_hi_actinst", "act_hi_varinst");
    static final String SETTINGS = "autovacuum_vacuum_scale_factor=0.01,autovacuum_analyze_scale_factor=0.01";

    private static final Logger log = LoggerFactory.getLogger(HistoryTableVacuum.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = processEngine.getProcessEngineConfiguration().getDataSource();
        if (!isPostgres(dataSource)) {
            return;
        }
        try {
            apply(dataSource);
        } catch (DataAccessException e) {
            // Only slower without it (e.g. a database user that does not own Camunda's tables): start anyway.
            log.warn("Could not set autovacuum settings on Camunda's history tables; its history cleanup slows down as "
                    + "they fill with deleted rows. A database owner can run: alter table <table> set ({}) for {}",
                    SETTINGS, TABLES, e);
        }
    }

    static void apply(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (String table : TABLES) {
            String options = jdbc.sql("select array_to_string(reloptions, ',') from pg_class where oid = ?::regclass")
                    .param(table).query(String.class).optional().orElse(null);
            if (options == null || !options.contains("autovacuum_")) {
                jdbc.sql("alter table " + table + " set (" + SETTINGS + ")").update();
            }
        }
        if (!"on".equals(jdbc.sql("show autovacuum").query(String.class).single())) {
            log.warn("PostgreSQL runs with autovacuum off: Camunda's history cleanup slows down batch by batch as its "
                    + "tables fill with deleted rows, unless they are vacuumed otherwise");
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }
}
