package io.cascade.engine.audit;

import java.util.List;

/** A page of the audit log, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntry> entries, String nextCursor) {
}
