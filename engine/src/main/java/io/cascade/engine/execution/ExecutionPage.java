package io.cascade.engine.execution;

import java.util.List;

/** A page of executions, newest first; {@code nextCursor} is null on the last page. */
public record ExecutionPage(List<ExecutionView> items, String nextCursor) {
}
