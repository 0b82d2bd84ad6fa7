package io.cascade.api.webhook;

import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** Webhook runs that wait for their delivery: events fired at a new team's webhook with the delivery worker paused. */
final class HeldRuns {

    private HeldRuns() {
    }

    /** Fires {@code count} events; their runs' process instance ids, in order, each with its execution id. */
    static Map<String, String> fire(RestClient admin, Receiver receiver, DeliveryWorker worker, JdbcClient jdbc,
                                    int count) {
        TeamFixture team = TeamFixture.create(admin).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        worker.pause();
        Map<String, String> runs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String execution = team.fire("alice");
            runs.put(jdbc.sql("select process_instance_id from executions where id = ?")
                    .param(UUID.fromString(execution)).query(String.class).single(), execution);
        }
        return runs;
    }
}
