package io.cascade.engine.trigger;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/v1/rules} shows: the rule files serving now, and the last rejected change. */
public record RuleStatus(List<LoadedFile> files, Instant loadedAt, String lastError, Instant lastErrorAt) {

    public record LoadedFile(String name, String origin) {
    }
}
