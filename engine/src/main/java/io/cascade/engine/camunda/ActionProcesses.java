package io.cascade.engine.camunda;

import java.util.Map;
import java.util.UUID;

/** Starts the BPMN process that carries out an action; keeps Camunda behind one small interface. */
public interface ActionProcesses {

    String WEBHOOK_PROCESS = "webhook-action";
    String LAUNCH_PROCESS = "launch-action";
    String QUEUE = "queue";
    String EXECUTION_ID = "executionId";
    String TEAM = "team";

    /** Starts the webhook process for the execution, in the caller's transaction; returns the instance id. */
    String startWebhookDelivery(UUID executionId, String team);

    /** Enqueues a launch: an external task on topic launch-job, tenant = team, variable queue = the queue. */
    String startLaunch(UUID executionId, String team, String queue, Map<String, Object> variables);
}
