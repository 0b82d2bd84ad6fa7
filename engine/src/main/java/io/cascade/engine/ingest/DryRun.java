package io.cascade.engine.ingest;

import java.util.List;
import java.util.UUID;

/**
 * What an event would do, with nothing started or written: the automations it would fire, each
 * with the rule that matched and the payload it would send (secrets masked) or the reason it would
 * send nothing, and the matches a guard rule vetoed, with the reason.
 */
public record DryRun(List<WouldFire> wouldFire, List<Vetoed> vetoed) {

    /**
     * {@code wouldDeliver} is false when the run would be recorded as failed without sending, e.g.
     * because the webhook is disabled; {@code reason} then says why and {@code payload} is null.
     * {@code payload} is also null for actions that send none.
     */
    public record WouldFire(UUID automationId, String automation, String rule, String actionType, String actionName,
                            String payload, boolean wouldDeliver, String reason) {

        public WouldFire {
            if (wouldDeliver == (reason != null)) {
                throw new IllegalArgumentException("a reason is given exactly when nothing would be delivered");
            }
        }
    }

    public record Vetoed(UUID automationId, String automation, String rule, String reason) {
    }
}
