package io.cascade.engine.camunda;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Camunda's handler of external-task incidents, which on every completed task looks for the task's
 * incident to resolve with a query of its own. When the task's execution is loaded already and
 * Camunda's record of it ({@code getIncidents}, kept with the execution's row) holds no incident,
 * there is none to resolve and the query is left out: one query less for each delivered run. In any
 * other case Camunda's handler runs as it is.
 */
final class ExternalTaskIncidents extends DefaultIncidentHandler {

    ExternalTaskIncidents() {
        super(Incident.EXTERNAL_TASK_HANDLER_TYPE);
    }

    @Override
    protected void removeIncident(IncidentContext context, boolean incidentResolved) {
        ExecutionEntity execution = context.getExecutionId() == null ? null : Context.getCommandContext()
                .getDbEntityManager().getCachedEntity(ExecutionEntity.class, context.getExecutionId());
        if (execution != null && execution.getIncidents().isEmpty()) {
            return;
        }
        super.removeIncident(context, incidentResolved);
    }
}
