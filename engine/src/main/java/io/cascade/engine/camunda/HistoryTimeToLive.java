package io.cascade.engine.camunda;

import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * cascade.history.retention as Camunda's history time to live. A definition keeps the time to live
 * it was deployed with (the BPMN files say P30D), and an unchanged BPMN file is not deployed again,
 * so every deployed definition is brought to the configured value at startup. The engine's cached
 * copy of a definition deployed in this same startup still says P30D, so it is dropped and read again.
 */
@Component
class HistoryTimeToLive {

    private static final Logger log = LoggerFactory.getLogger(HistoryTimeToLive.class);

    HistoryTimeToLive(RepositoryService repository, ProcessEngineConfigurationImpl engine, @Value("${cascade.history.retention:P30D}") Duration retention) {
        int days = days(retention);
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
            Integer current = definition.getHistoryTimeToLive();
            if (current == null || current != days) {
                repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                engine.getDeploymentCache().removeProcessDefinition(definition.getId());
                log.info("history time to live of {} set to {} days", definition.getId(), days);
            }
        }
    }

    /** Camunda counts the time to live in whole days. */
    static String of(Duration retention) {
        return "P" + days(retention) + "D";
    }

    private static int days(Duration retention) {
        if (retention.isNegative() || retention.isZero() || retention.toSeconds() % 86_400 != 0) {
            throw new IllegalArgumentException("cascade.history.retention must be a whole number of days, such as P30D, not "
                    + retention);
        }
        return Math.toIntExact(retention.toDays());
    }
}
