package io.cascade.engine.camunda;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes Camunda's external tasks by process instance, which the execution history (ExecutionQueries) joins on
 * and Camunda's schema does not index. Created once the engine has built (so its schema exists,
 * whether or not our Flyway migrations ran first) rather than in a migration.
 */
@Component
class ExternalTaskIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "cascade_idx_ext_task_proc_inst";
    static final String CREATE = "create index if not exists " + NAME + " on act_ru_ext_task (proc_inst_id_)";

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try {
            create(processEngine.getProcessEngineConfiguration().getDataSource());
        } catch (DataAccessException e) {
            // Only slower without it (e.g. a database user that does not own Camunda's tables): start anyway.
            log.warn("Could not index act_ru_ext_task by process instance; run history will scan it. "
                    + "A database owner can create the index with: {}", CREATE, e);
        }
    }

    static void create(DataSource dataSource) {
        if (exists(dataSource)) {
            return; // "create index if not exists" would still lock the table against writes while it checks
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try {
            jdbc.sql(CREATE).update();
        } catch (DataAccessException racedWithAnotherNode) {
            // Two nodes starting together: the loser's create fails once the winner's commits; now it exists.
            jdbc.sql(CREATE).update();
        }
    }

    private static boolean exists(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (String table : new String[] {"act_ru_ext_task", "ACT_RU_EXT_TASK"}) {
                try (ResultSet indexes = metadata.getIndexInfo(null, null, table, false, true)) {
                    while (indexes.next()) {
                        if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return false; // the create then says what is wrong
        }
    }
}
