package io.cascade.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.camunda.SharedCommand;
import io.cascade.engine.common.BatchReads;
import io.cascade.engine.common.IntakePriority;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration
class InboxConfiguration {

    @Bean
    InboxWorker inboxWorker(EventBatches batches, SharedCommand shared, JdbcClient jdbc, ObjectMapper json,
                            PlatformTransactionManager transactions, IntakePriority intake, BatchReads reads,
                            @Value("${cascade.events.inbox.batch-size:100}") int batchSize,
                            @Value("${cascade.events.inbox.threads:2}") int threads,
                            @Value("${cascade.events.inbox.poll-interval:PT0.25S}") Duration pollInterval,
                            @Value("${cascade.events.inbox.gather:PT0.02S}") Duration gather,
                            @Value("${cascade.events.inbox.paused:false}") boolean paused) {
        if (batchSize < 1 || batchSize > EventBatches.MAX_EVENTS || threads < 1) {
            throw new IllegalArgumentException("cascade.events.inbox.batch-size must be from 1 to "
                    + EventBatches.MAX_EVENTS + " and cascade.events.inbox.threads at least 1");
        }
        return new InboxWorker(batches, shared, jdbc, json, transactions, intake, reads,
                new InboxWorker.Settings(batchSize, threads, pollInterval, gather, paused));
    }
}
