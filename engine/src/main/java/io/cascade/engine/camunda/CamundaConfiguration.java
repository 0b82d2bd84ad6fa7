package io.cascade.engine.camunda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CamundaConfiguration {

    /** Team names are tenant ids; allow the same characters as everywhere else in Cascade. */
    static final String RESOURCE_ID_PATTERN = "[A-Za-z0-9._-]+|camunda-admin";

    @Bean
    AbstractProcessEnginePlugin cascadeEnginePlugin(
            @Value("${cascade.webhooks.max-retry-after:PT1H}") Duration maxRetryAfter,
            @Value("${cascade.history.retention:P30D}") Duration retention) {
        String historyTimeToLive = HistoryTimeToLive.of(retention);
        RetryAfterJobCommands retryAfter = new RetryAfterJobCommands(maxRetryAfter);
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setTenantIdProvider(new TeamTenantIdProvider());
                configuration.setFailedJobCommandFactory(retryAfter);
                configuration.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
                configuration.setTenantResourceWhitelistPattern(RESOURCE_ID_PATTERN);
                configuration.setUserResourceWhitelistPattern(RESOURCE_ID_PATTERN);
                configuration.setHistoryTimeToLive(historyTimeToLive);
                configuration.setHistoryEventHandler(new OperatorHistory());
                configuration.setHistoryEventProducer(new RootInstanceRead());
                List<IncidentHandler> incidents = configuration.getCustomIncidentHandlers() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
                incidents.add(new ExternalTaskIncidents());
                configuration.setCustomIncidentHandlers(incidents);
                List<SessionFactory> sessions = configuration.getCustomSessionFactories() == null
                        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
                sessions.add(new CheapIdCheck());
                configuration.setCustomSessionFactories(sessions);
            }
        };
    }
}
