package io.cascade.api.rules;

import io.cascade.engine.trigger.RuleLoader;
import io.cascade.engine.trigger.RuleStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rule files serving now, and the last change that was rejected. */
@RestController
class RulesController {

    private final RuleLoader rules;

    RulesController(RuleLoader rules) {
        this.rules = rules;
    }

    @GetMapping("/api/v1/rules")
    RuleStatus rules() {
        return rules.status();
    }
}
