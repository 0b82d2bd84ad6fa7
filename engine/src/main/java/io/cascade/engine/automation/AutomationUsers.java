package io.cascade.engine.automation;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Which live automations use a webhook or a queue, so that its owner can refuse to delete it. */
@Component
public class AutomationUsers {

    private final AutomationRepository repository;

    AutomationUsers(AutomationRepository repository) {
        this.repository = repository;
    }

    /** The team's automations whose action is of the type and names the webhook or job, by name. */
    public List<String> ofAction(UUID teamId, String actionType, String actionName) {
        return repository.namesUsingAction(teamId, actionType, actionName);
    }

    /** The team's automations that enqueue on the launch queue, by name. */
    public List<String> ofQueue(UUID teamId, String queue) {
        return repository.namesUsingQueue(teamId, queue);
    }
}
