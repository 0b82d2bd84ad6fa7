package io.cascade.api.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * A job executor thread delivering a webhook holds two connections at once: the job's transaction,
 * and the attempt record written in a transaction of its own (ExecutionRecorder), which must survive
 * the job's rollback. With a pool no larger than the job executor, every connection can end up held
 * by a job thread waiting for its second one; deliveries and event submissions then stall until the
 * pool gives up. A pool that small is refused at start-up instead.
 */
@Component
class ConnectionPoolCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolCheck.class);

    private final DataSource dataSource;
    private final CamundaBpmProperties camunda;

    ConnectionPoolCheck(DataSource dataSource, CamundaBpmProperties camunda) {
        this.dataSource = dataSource;
        this.camunda = camunda;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        if (!camunda.getJobExecution().isEnabled()) {
            return;
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            check(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize(),
                    camunda.getJobExecution().getMaxPoolSize());
        } else {
            log.info("Not a Hikari pool ({}): make sure it holds more connections than the {} job executor threads",
                    dataSource.getClass().getName(), camunda.getJobExecution().getMaxPoolSize());
        }
    }

    static void check(int connections, int jobThreads) {
        if (connections <= jobThreads) {
            throw new IllegalStateException(("spring.datasource.hikari.maximum-pool-size (%d) must be larger than "
                    + "camunda.bpm.job-execution.max-pool-size (%d): each job thread may hold two connections, "
                    + "and a pool this small can deadlock. Leave room for the API's requests too, "
                    + "e.g. twice the job threads plus ten.").formatted(connections, jobThreads));
        }
    }
}
