package io.cascade.engine.camunda;

import java.util.Map;

/** Starts the BPMN process that carries out an action; keeps Camunda behind one small interface. */
public interface ActionProcesses {

    String WEBHOOK_PROCESS = "webhook-action";
    /**
     * The external task topic of webhook-action.bpmn's delivery task. Only Cascade's own delivery
     * worker takes these tasks; the REST API refuses the topic to agents.
     */
    String WEBHOOK_TOPIC = "cascade-webhook";
    String LAUNCH_PROCESS = "launch-action";
    String QUEUE = "queue";
    String EXECUTION_ID = "executionId";
    String TEAM = "team";

    /**
     * Starts the webhook process for the execution, in the caller's transaction; returns the instance
     * id. It carries the run's {@link RunLabels#deliveryVariables()}; the delivery worker adds the other
     * labels when an attempt fails.
     */
    String startWebhookDelivery(RunLabels run, String team);

    /** Enqueues a launch: an external task on topic launch-job, tenant = team, variable queue = the queue. */
    String startLaunch(RunLabels run, String team, String queue, Map<String, Object> variables);

    /** Whether the process instance has not ended yet, e.g. holds an incident that Cockpit can retry. */
    boolean isActive(String processInstanceId);

    /**
     * Gives the instance's failed jobs and external tasks (its incidents) the retries; false when it has
     * none. A webhook delivery task given retries is announced as {@link WebhookDeliveriesDue}.
     */
    boolean retryFailedJob(String processInstanceId, int retries);

    /**
     * Published (as a Spring application event) when a webhook delivery task was created or given
     * retries, so that this node's delivery worker fetches it as soon as the transaction commits
     * instead of at its next poll.
     */
    record WebhookDeliveriesDue() {
    }
}
