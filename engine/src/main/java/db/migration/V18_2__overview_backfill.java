package db.migration;

import io.cascade.engine.execution.OverviewBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Fills the overview's rollup (V18_1) from the executions there are, in Java: latency bins are Java's. */
public class V18_2__overview_backfill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        OverviewBackfill.rebuild(context.getConnection(), null);
    }
}
