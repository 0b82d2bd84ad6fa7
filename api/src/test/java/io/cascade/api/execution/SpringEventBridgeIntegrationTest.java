package io.cascade.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.api.ApiIntegrationTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.event.PublishDelegateParseListener;
import org.camunda.bpm.spring.boot.starter.event.PublishHistoryEventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda's Spring event bridge is off as shipped: no run publishes its execution or history events as
 * Spring application events, which nothing in Cascade reads and every run paid for.
 */
class SpringEventBridgeIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private ProcessEngineConfigurationImpl engine;

    @Test
    void noExecutionEventOfARunIsPublished() {
        assertThat(engine.getCustomPreBPMNParseListeners()).noneMatch(PublishDelegateParseListener.class::isInstance);
        assertThat(engine.getCustomPostBPMNParseListeners()).noneMatch(PublishDelegateParseListener.class::isInstance);
    }

    @Test
    void noHistoryEventIsPublished() {
        assertThat(engine.getCustomHistoryEventHandlers()).noneMatch(PublishHistoryEventHandler.class::isInstance);
    }
}
