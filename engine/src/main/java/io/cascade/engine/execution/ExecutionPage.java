package io.cascade.engine.execution;

import java.util.List;

/** A page of executions, newest first; {@code nextCursor} is null on the last page. */
public record ExecutionPage(List<ExecutionView> items, String nextCursor) {

    /** This page as a reader who is not a team admin sees it: webhook URLs cut to their origin. */
    public ExecutionPage withUrlOriginsOnly() {
        return new ExecutionPage(items.stream().map(ExecutionView::withUrlOriginOnly).toList(), nextCursor);
    }
}
