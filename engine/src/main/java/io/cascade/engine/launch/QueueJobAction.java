package io.cascade.engine.launch;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.cascade.engine.action.AutomationAction;
import java.util.Map;

/** Enqueues a run of a job version on a launch queue, for an agent to pick up. */
@JsonTypeName(QueueJobAction.TYPE)
record QueueJobAction(String job, String jobVersion, String queue, String destinationProject,
                             Map<String, Object> overrides) implements AutomationAction {

    public static final String TYPE = "QUEUE_JOB";

    @Override
    @JsonIgnore
    public String typeName() {
        return TYPE;
    }

    @Override
    @JsonIgnore
    public String actionName() {
        return job;
    }
}
