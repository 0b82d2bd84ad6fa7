package io.cascade.engine.camunda;

import io.cascade.engine.common.Databases;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
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
 * Indexes on Camunda's external tasks that Camunda's schema does not have: by process instance, which the
 * execution history (ExecutionQueries) joins on, and the two that the delivery fetch reads due tasks from in
 * the order they became due ({@link LockedTasks}). Created once the engine has built (so its schema exists,
 * whether or not our Flyway migrations ran first) rather than in a migration.
 */
@Component
class ExternalTaskIndexes extends AbstractProcessEnginePlugin {

    /** One index: its name, and its definition on PostgreSQL and on H2 (which has no partial indexes). */
    record Index(String name, String postgreSql, String h2) {

        String create(boolean postgreSql) {
            return "create index if not exists " + name + " on act_ru_ext_task " + (postgreSql ? this.postgreSql : h2);
        }
    }

    /**
     * What the fetch ({@link LockedTasks#DUE}) and its two indexes require of a task besides being due:
     * active, with retries left. One text for both, so that PostgreSQL can prove the query fits each index.
     */
    static final String FETCHABLE = "suspension_state_ = 1 and (retries_ is null or retries_ > 0)";

    static final Index BY_PROCESS_INSTANCE = new Index("cascade_idx_ext_task_proc_inst", "(proc_inst_id_)",
            "(proc_inst_id_)");
    /** Tasks never fetched, oldest first: in-flight and waiting tasks are not in it. */
    static final Index NEW_BY_CREATE_TIME = new Index("cascade_idx_ext_task_new",
            "(topic_name_, create_time_) where lock_exp_time_ is null and " + FETCHABLE,
            "(topic_name_, create_time_)");
    /** Fetched tasks by when their lock expires, or their wait for the next attempt ends. */
    static final Index FETCHED_BY_LOCK_EXPIRY = new Index("cascade_idx_ext_task_lock_exp",
            "(topic_name_, lock_exp_time_) where lock_exp_time_ is not null and " + FETCHABLE,
            "(topic_name_, lock_exp_time_)");

    static final List<Index> ALL = List.of(BY_PROCESS_INSTANCE, NEW_BY_CREATE_TIME, FETCHED_BY_LOCK_EXPIRY);

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = processEngine.getProcessEngineConfiguration().getDataSource();
        boolean postgreSql = Databases.isPostgreSql(dataSource);
        for (Index index : ALL) {
            try {
                create(dataSource, index, postgreSql);
            } catch (DataAccessException e) {
                // Only slower without it (e.g. a database user that does not own Camunda's tables): start anyway.
                log.warn("Could not create index {} on act_ru_ext_task; the queries that use it will scan the table. "
                        + "A database owner can create it with: {}", index.name(), index.create(postgreSql), e);
            }
        }
    }

    static void create(DataSource dataSource, Index index, boolean postgreSql) {
        if (exists(dataSource, index.name())) {
            return; // "create index if not exists" would still lock the table against writes while it checks
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try {
            jdbc.sql(index.create(postgreSql)).update();
        } catch (DataAccessException racedWithAnotherNode) {
            // Two nodes starting together: the loser's create fails once the winner's commits; now it exists.
            jdbc.sql(index.create(postgreSql)).update();
        }
    }

    private static boolean exists(DataSource dataSource, String name) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (String table : new String[] {"act_ru_ext_task", "ACT_RU_EXT_TASK"}) {
                try (ResultSet indexes = metadata.getIndexInfo(null, null, table, false, true)) {
                    while (indexes.next()) {
                        if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
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
