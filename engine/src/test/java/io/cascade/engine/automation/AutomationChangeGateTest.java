package io.cascade.engine.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.engine.testsupport.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The gate's wait limit, on PostgreSQL (the other order of events and changes: AutomationIntegrationTest). */
class AutomationChangeGateTest {

    private final TestDatabase.Connection db = TestDatabase.get();
    private final DataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    /** Later locks of the change (a unique name another request is inserting) wait as long as they always did. */
    @Test
    void theWaitLimitHoldsForTheGateAloneNotForTheRestOfTheChange() {
        AutomationChangeGate gate = new AutomationChangeGate(jdbc, dataSource, Duration.ofMillis(300));
        String usual = jdbc.sql("select current_setting('lock_timeout')").query(String.class).single();

        String afterTheGate = transaction.execute(status -> {
            gate.changeStarts(UUID.randomUUID());
            return jdbc.sql("select current_setting('lock_timeout')").query(String.class).single();
        });

        assertThat(afterTheGate).isEqualTo(usual).isNotEqualTo("300ms");
    }

    /** PostgreSQL reads a lock_timeout of 0 as no limit, the opposite of what a zero wait would mean. */
    @Test
    void aWaitUnderOneMillisecondIsRefusedAtStartup() {
        assertThatThrownBy(() -> new AutomationChangeGate(jdbc, dataSource, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("change-wait");
    }
}
