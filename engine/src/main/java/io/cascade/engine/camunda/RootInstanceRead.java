package io.cascade.engine.camunda;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;

/**
 * Camunda's history event producer, reading a run's history row once per command for the removal
 * time every history row of the run is stamped with. Camunda asks the command's cache for it under one
 * class and caches what it read under another ({@link HistoricProcessInstanceEntity}), so it reads the
 * row again for each history event of the run (the end of its task, the start and end of its end
 * event). This looks under the class the row was cached as, where also a group of runs read together
 * ({@link ExternalTaskGroups}) finds it. Where the row was written in the same command, Camunda's own
 * look-up finds it, as before.
 */
final class RootInstanceRead extends CacheAwareHistoryEventProducer {

    @Override
    protected HistoricProcessInstanceEventEntity getHistoricRootProcessInstance(String rootProcessInstanceId) {
        HistoricProcessInstanceEntity read = Context.getCommandContext().getDbEntityManager()
                .getCachedEntity(HistoricProcessInstanceEntity.class, rootProcessInstanceId);
        return read != null ? read : super.getHistoricRootProcessInstance(rootProcessInstanceId);
    }
}
