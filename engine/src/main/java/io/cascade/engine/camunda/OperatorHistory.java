package io.cascade.engine.camunda;

import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;

/**
 * Camunda's history at level full, less the two kinds of rows nobody reads: the detail row of every
 * variable write ({@code ACT_HI_DETAIL}; the variable's history row in {@code ACT_HI_VARINST} with
 * its last value stays) and the job log's "created" and "succeeded" entries ({@code ACT_HI_JOB_LOG};
 * failures and deletions stay, incidents refer to them), and the same two entries of a webhook
 * delivery's external task log (a failed attempt stays; the launch topics keep theirs, whose worker
 * ids name the agent that held a run). Of about 40 rows a started webhook run wrote, these were 12;
 * Cockpit's pages for operators (running instances, incidents, variables, process instance history,
 * the user operation log) read none of them. And of a webhook run's variables only {@code executionId}
 * is kept once the run ends ({@code ACT_HI_VARINST}), so an ended instance is still found by the
 * execution it ran: Cockpit shows the variables of running instances, which it reads from the runtime
 * tables, and Cascade's own history holds what the others named. They were 10 of the 15 rows each
 * delivered run left for the history cleanup to remove.
 */
final class OperatorHistory extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable
                && ActionProcesses.WEBHOOK_PROCESS.equals(variable.getProcessDefinitionKey())
                && !ActionProcesses.EXECUTION_ID.equals(variable.getVariableName())) {
            return;
        }
        if (event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isSuccessLog())) {
            return;
        }
        if (event instanceof HistoricExternalTaskLogEntity log && ActionProcesses.WEBHOOK_TOPIC.equals(log.getTopicName())
                && (log.isCreationLog() || log.isSuccessLog())) {
            return;
        }
        super.handleEvent(event);
    }

    /**
     * Before writing the end of a run or of one of its activities, Camunda reads its history row for the
     * start time, unless the row is in the command's cache under the end event's own class. A group of
     * delivered runs reads those rows together beforehand ({@link ExternalTaskGroups}), and the command's
     * cache holds them under the class Camunda's queries give them: the start time is taken from there,
     * and the row is written as Camunda writes it, without reading it again.
     */
    @Override
    protected void insertOrUpdate(HistoryEvent event) {
        if (!isInitialEvent(event) && event.getId() != null && event instanceof HistoricScopeInstanceEvent scope) {
            DbEntityManager cache = getDbEntityManager();
            HistoricScopeInstanceEvent read = readBefore(cache, event);
            if (read != null && cache.getCachedEntity(event.getClass(), event.getId()) == null) {
                scope.setStartTime(read.getStartTime());
                cache.merge(event);
                return;
            }
        }
        super.insertOrUpdate(event);
    }

    private static HistoricScopeInstanceEvent readBefore(DbEntityManager cache, HistoryEvent event) {
        if (event.getClass() == HistoricActivityInstanceEventEntity.class) {
            return cache.getCachedEntity(HistoricActivityInstanceEntity.class, event.getId());
        }
        if (event.getClass() == HistoricProcessInstanceEventEntity.class) {
            return cache.getCachedEntity(HistoricProcessInstanceEntity.class, event.getId());
        }
        return null;
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
        return false;
    }
}
