package io.cascade.engine.execution;

import java.util.List;

/** A page of history, newest first; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<HistoryItem> items, String nextCursor) {

    /** This page as a reader who is not a team admin sees it: webhook URLs cut to their origin. */
    public HistoryPage withUrlOriginsOnly() {
        return new HistoryPage(items.stream().map(HistoryItem::withUrlOriginOnly).toList(), nextCursor);
    }
}
