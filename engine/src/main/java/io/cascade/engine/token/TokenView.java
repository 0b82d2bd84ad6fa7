package io.cascade.engine.token;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A token as listed: everything but its value, which is shown once, when created. */
public record TokenView(UUID id, String name, String role, String createdBy, OffsetDateTime createdAt,
                        OffsetDateTime lastUsedAt, OffsetDateTime expiresAt) {
}
