package io.cascade.engine.ingest;

import io.cascade.engine.execution.ExecutionRef;
import java.util.List;

/** The answer to an event: its id and the executions it started. */
public record SubmittedEvent(String id, List<ExecutionRef> executions) {
}
