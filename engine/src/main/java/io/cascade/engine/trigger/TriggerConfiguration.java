package io.cascade.engine.trigger;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TriggerConfiguration {

    @Bean
    RuleLoader ruleLoader(@Value("${cascade.rules.directory:}") String directory) {
        return new RuleLoader(directory.isBlank() ? null : Path.of(directory));
    }

    @Bean
    TriggerMatcher triggerMatcher(RuleLoader loader,
                                  @Value("${cascade.rules.bot-accounts:}") List<String> botAccounts) {
        return new TriggerMatcher(loader.loadAtStartup(), new BotAccounts(botAccounts.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet())));
    }
}
