package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes only PostgreSQL can build: case-insensitive prefix search on collection and author.
 * H2 (the zero-install default) has no expression indexes; it answers the same queries by scanning.
 */
public class V4__postgresql_history_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            sql.execute("create index executions_by_team_collection on executions "
                    + "(team_id, lower(collection) text_pattern_ops)");
            sql.execute("create index executions_by_team_author on executions "
                    + "(team_id, lower(author) text_pattern_ops)");
        }
    }
}
