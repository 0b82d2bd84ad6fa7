package io.cascade.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade.api.ApiIntegrationTest;
import io.cascade.api.support.Receiver;
import io.cascade.api.team.TeamFixture;
import io.cascade.engine.webhook.delivery.DeliveryWorker;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run started before an upgrade waits at the asynchronous job of the process version it started on
 * (the delivery task was a job, not an external task): after the upgrade that job still delivers it.
 * The test deploys that version (main's webhook-action.bpmn under another key, so the current version
 * stays the one new runs start) and moves a run onto it.
 */
class RunStartedBeforeTheWorkerIntegrationTest extends ApiIntegrationTest {

    private final Receiver receiver = new Receiver();

    @Autowired
    private DeliveryWorker worker;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private RepositoryService repository;

    RunStartedBeforeTheWorkerIntegrationTest() throws Exception {
    }

    @AfterEach
    void resumeAndStopReceiver() {
        worker.resume();
        receiver.close();
    }

    @Test
    void aRunWaitingAtTheOldDeliveryJobIsStillDeliveredOnce() {
        // stored as .bpmn.xml, so that no node's auto-deployment (a second node runs on the test classpath) takes it
        repository.createDeployment().name("webhook-action-before-worker").enableDuplicateFiltering(true)
                .addInputStream("webhook-action-before-worker.bpmn", getClass().getClassLoader()
                        .getResourceAsStream("legacy/webhook-action-before-worker.bpmn.xml")).deploy();
        TeamFixture acme = TeamFixture.create(admin()).ciWebhook(receiver.url("/hook"), null, null).notifyCi("{}");
        worker.pause();
        String id = acme.fire("alice");
        String current = acme.execution(id).get("processInstanceId").asText();
        Map<String, Object> variables = runtime.getVariables(current);
        runtime.deleteProcessInstance(current, "moved to the version before the worker", true, true);

        String old = runtime.createProcessInstanceByKey("webhook-action-before-worker").businessKey(id)
                .setVariables(variables).execute().getId();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(old).count() == 0);
        JsonNode execution = acme.execution(id);
        assertThat(execution.get("status").asText()).isEqualTo("FINISHED");
        assertThat(execution.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactly(id);
    }
}
