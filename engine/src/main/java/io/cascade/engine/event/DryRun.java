package io.cascade.engine.event;

import java.util.List;
import java.util.UUID;

/**
 * What an event would do, with nothing started or written: the automations it would fire, each
 * with the rule that matched and the payload it would send (secrets masked), and the matches a
 * guard rule vetoed, with the reason.
 */
public record DryRun(List<WouldFire> wouldFire, List<Vetoed> vetoed) {

    /** {@code payload} is null for actions that send none. */
    public record WouldFire(UUID automationId, String automation, String rule, String actionType, String actionName,
                            String payload) {
    }

    public record Vetoed(UUID automationId, String automation, String rule, String reason) {
    }
}
