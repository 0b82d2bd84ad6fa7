package io.cascade.api.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cascade.engine.execution.ExecutionView;

/** An execution with the link to its process instance in Cockpit, if the caller may open it. */
record ExecutionDetail(@JsonUnwrapped ExecutionView execution,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String cockpitUrl) {
}
