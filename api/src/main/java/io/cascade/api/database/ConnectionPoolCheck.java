package io.cascade.api.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Job executor threads, webhook worker threads (cascade.webhooks.worker-threads) and event inbox
 * threads (cascade.events.inbox.threads) each hold one connection while they work (webhook requests in flight hold none). With a pool no larger than all of
 * them together, they can take every connection between them and event submissions and the API wait
 * for the pool's timeout. A pool that small is refused at start-up instead.
 */
@Component
class ConnectionPoolCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolCheck.class);

    private final DataSource dataSource;
    private final CamundaBpmProperties camunda;
    private final int webhookThreads;
    private final int inboxThreads;

    ConnectionPoolCheck(DataSource dataSource, CamundaBpmProperties camunda,
                        @Value("${cascade.webhooks.worker-threads:2}") int webhookThreads,
                        @Value("${cascade.events.inbox.threads:2}") int inboxThreads) {
        this.dataSource = dataSource;
        this.camunda = camunda;
        this.webhookThreads = webhookThreads;
        this.inboxThreads = inboxThreads;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        int jobThreads = camunda.getJobExecution().isEnabled() ? camunda.getJobExecution().getMaxPoolSize() : 0;
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            check(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize(), jobThreads, webhookThreads,
                    inboxThreads);
        } else {
            log.info("Not a Hikari pool ({}): make sure it holds more connections than the {} job executor, {} "
                    + "webhook worker and {} event inbox threads", dataSource.getClass().getName(), jobThreads,
                    webhookThreads, inboxThreads);
        }
    }

    static void check(int connections, int jobThreads, int webhookThreads, int inboxThreads) {
        if (connections <= jobThreads + webhookThreads + inboxThreads) {
            throw new IllegalStateException(("spring.datasource.hikari.maximum-pool-size (%d) must be larger than "
                    + "camunda.bpm.job-execution.max-pool-size (%d) + cascade.webhooks.worker-threads (%d) + "
                    + "cascade.events.inbox.threads (%d): each of those threads may hold a connection, and a pool this "
                    + "small leaves none for the API's requests. Leave room for them too, e.g. ten more.")
                    .formatted(connections, jobThreads, webhookThreads, inboxThreads));
        }
    }
}
