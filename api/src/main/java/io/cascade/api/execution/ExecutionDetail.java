package io.cascade.api.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cascade.engine.webhook.WebhookAction;
import io.cascade.engine.execution.ExecutionView;

/**
 * One execution with what its page links to: the {@code webhook-id} header its deliveries carry
 * (webhooks only), and its process instance in Cockpit for those who may open it there.
 */
record ExecutionDetail(@JsonUnwrapped ExecutionView execution, String webhookId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String cockpitUrl) {

    static ExecutionDetail of(ExecutionView execution, String cockpitUrl) {
        boolean webhook = execution.action() != null && WebhookAction.TYPE.equals(execution.action().type());
        return new ExecutionDetail(execution, webhook ? execution.id().toString() : null, cockpitUrl);
    }
}
