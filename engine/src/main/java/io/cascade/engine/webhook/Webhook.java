package io.cascade.engine.webhook;

import java.util.UUID;

/** A team's webhook: where to POST, and the names of the team secrets that sign and authorize. */
public record Webhook(UUID id, UUID teamId, String name, String url, String secretName, String accessTokenName,
                      String disabledReason) {

    public boolean disabled() {
        return disabledReason != null;
    }

    /**
     * Why a run through this disabled webhook sends nothing, as history records it and the dry run
     * predicts it; {@code nameUsed} is the name the automation knows it by.
     */
    public String disabledNotice(String nameUsed) {
        return "webhook " + nameUsed + " is disabled: " + disabledReason;
    }
}
