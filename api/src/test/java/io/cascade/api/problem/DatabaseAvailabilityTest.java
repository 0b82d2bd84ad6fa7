package io.cascade.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

class DatabaseAvailabilityTest {

    private static final String NOTHING_LISTENS = "jdbc:postgresql://127.0.0.1:1/cascade";

    @Test
    void anOutageClosesTheGateUntilTheDatabaseAnswersAProbe() {
        DatabaseAvailability database = new DatabaseAvailability("jdbc:h2:mem:availability", "sa", "");
        assertThat(database.unreachable()).isFalse();

        assertThat(database.explains(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))).isTrue();

        assertThat(database.unreachable()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !database.unreachable());
    }

    @Test
    void aConnectionThePoolClosedIsAnOutageOnlyWhenTheDatabaseDoesNotAnswer() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        DatabaseAvailability away = new DatabaseAvailability(NOTHING_LISTENS, "postgres", "");
        try {
            assertThat(away.explains(rollback)).isTrue();
            assertThat(away.unreachable()).isTrue();
        } finally {
            away.stop();
        }

        DatabaseAvailability there = new DatabaseAvailability("jdbc:h2:mem:availability", "sa", "");
        assertThat(there.explains(rollback)).isFalse();
        assertThat(there.unreachable()).isFalse();
    }

    @Test
    void otherFailuresLeaveTheGateOpen() {
        DatabaseAvailability database = new DatabaseAvailability(NOTHING_LISTENS, "postgres", "");
        assertThat(database.explains(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(database.explains(new IllegalStateException("a bug"))).isFalse();
        assertThat(database.unreachable()).isFalse();
    }
}
