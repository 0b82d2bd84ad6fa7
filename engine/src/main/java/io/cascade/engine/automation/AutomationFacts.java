package io.cascade.engine.automation;

import io.cascade.engine.trigger.AutomationFact;

/** The matcher's view of an automation. */
public final class AutomationFacts {

    private AutomationFacts() {
    }

    public static AutomationFact of(Automation a) {
        return new AutomationFact(a.id(), a.name(), a.teamId(), a.projectId(), a.event().type(), a.event().collection(),
                a.event().aliasPattern(), a.enabled(), a.revision());
    }
}
