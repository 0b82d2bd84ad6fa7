package io.cascade.engine.webhook;

import java.util.UUID;

/** A team's webhook: where to POST, and the names of the team secrets that sign and authorize. */
public record Webhook(UUID id, UUID teamId, String name, String url, String secretName, String accessTokenName,
                      String disabledReason) {

    public boolean disabled() {
        return disabledReason != null;
    }
}
