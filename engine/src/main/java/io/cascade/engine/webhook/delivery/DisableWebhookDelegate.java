package io.cascade.engine.webhook.delivery;

import io.cascade.engine.webhook.WebhookService;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_DisableWebhook: the receiver answered 410 Gone, so later events stop calling it. */
@Component("disableWebhook")
class DisableWebhookDelegate implements JavaDelegate {

    private final WebhookService webhooks;

    DisableWebhookDelegate(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        webhooks.disable(UUID.fromString((String) execution.getVariable(WebhookErrors.WEBHOOK_ID)),
                (String) execution.getVariable(WebhookErrors.DISABLED_REASON));
    }
}
