package io.cascade.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    @Test
    void aConnectionFailureWrappedByCamundaIsAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new ProcessEnginePersistenceException("persistence",
                new RuntimeException(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))))).isTrue();
    }

    @Test
    void thePoolGivingUpIsAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
    }

    @Test
    void aServerShuttingDownOrFullIsAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("sorry, too many clients already", "53300"))).isTrue();
    }

    /** The failed rollback names only a closed connection; the transaction's own failure says why. */
    @Test
    void anOutageHiddenBehindAFailedRollbackIsFound() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("An I/O error occurred while sending to the backend", "08006"));

        assertThat(DatabaseUnavailable.causedBy(new ProcessEnginePersistenceException("persistence", rollback))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNotOutages() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
    }
}
