package io.cascade.engine.launch;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Teaches JSON (requests, stored automations) the QUEUE_JOB action type. */
@Configuration
class LaunchActionJson {

    @Bean
    Module launchActionModule() {
        return new SimpleModule("launch-action").registerSubtypes(new NamedType(QueueJobAction.class,
                QueueJobAction.TYPE));
    }
}
