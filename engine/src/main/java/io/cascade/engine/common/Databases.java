package io.cascade.engine.common;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** What the database behind a data source is, for the features that lock with PostgreSQL's advisory locks. */
public final class Databases {

    private Databases() {
    }

    /** Whether the database is PostgreSQL (otherwise H2, the default profile's). */
    public static boolean isPostgreSql(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }
}
