package io.cascade.api.execution;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cascade.engine.automation.WebhookAction;
import io.cascade.engine.common.Caller;
import io.cascade.engine.execution.ExecutionView;

/**
 * One execution with what its page links to: the {@code webhook-id} header its deliveries carry
 * (webhooks only), and its process instance in Cockpit for those who may open Cockpit.
 */
record ExecutionDetail(@JsonUnwrapped ExecutionView execution, String webhookId, String cockpitUrl) {

    /** Cockpit runs without Camunda authorization, so only system administrators are let in (see CamundaWebappLoginFilter). */
    static ExecutionDetail of(Caller caller, ExecutionView execution) {
        boolean webhook = WebhookAction.TYPE.equals(execution.action().type());
        return new ExecutionDetail(execution, webhook ? execution.id().toString() : null,
                caller.systemAdmin() && execution.processInstanceId() != null
                        ? "/camunda/app/cockpit/default/#/process-instance/" + execution.processInstanceId()
                        : null);
    }
}
