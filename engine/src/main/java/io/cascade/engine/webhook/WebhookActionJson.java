package io.cascade.engine.webhook;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Teaches JSON (requests, stored automations) the GENERIC_WEBHOOK action type. */
@Configuration
class WebhookActionJson {

    @Bean
    Module webhookActionModule() {
        return new SimpleModule("webhook-action").registerSubtypes(new NamedType(WebhookAction.class,
                WebhookAction.TYPE));
    }
}
