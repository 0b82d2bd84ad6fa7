package io.cascade.engine.camunda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.ExternalTaskQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.NativeExecutionQueryImpl;
import org.camunda.bpm.engine.impl.NativeHistoricActivityInstanceQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.util.BitMaskUtil;
import org.camunda.bpm.engine.query.NativeQuery;
import org.springframework.stereotype.Component;

/**
 * Completes several external tasks in one Camunda command: one transaction, and one flush of the
 * engine's statements (sent in JDBC batches, statement by statement) for all of them, where
 * {@code ExternalTaskService.complete} costs a command, a flush and a commit per task. What each
 * completion sets in motion (the run reaching its end event, the listeners there) runs as it would
 * in a command of its own.
 */
@Component
public class ExternalTaskGroups {

    private final ProcessEngineConfigurationImpl engine;

    ExternalTaskGroups(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    /**
     * For each item whose task is still locked to {@code workerId} and active: runs {@code before}
     * (in the command's transaction, e.g. to write what the completion concludes), then completes the
     * task. Items whose task is gone, locked to another worker or suspended are returned, untouched. If anything fails,
     * the whole command rolls back and the exception is thrown: no task of the group is completed.
     */
    public <T> List<T> completeHeld(String workerId, List<T> items, Function<T, String> taskId, Consumer<T> before) {
        return engine.getCommandExecutorTxRequired().execute(context -> complete(context, workerId, items, taskId,
                before));
    }

    private static <T> List<T> complete(CommandContext context, String workerId, List<T> items,
                                        Function<T, String> taskId, Consumer<T> before) {
        List<T> notHeld = new ArrayList<>();
        readTogether(context, items.stream().map(taskId).collect(Collectors.toSet()));
        for (T item : items) {
            String id = taskId.apply(item);
            ExternalTaskEntity task = context.getExternalTaskManager().findExternalTaskById(id);
            if (task == null || !workerId.equals(task.getWorkerId()) || task.isSuspended()) {
                notHeld.add(item); // checked here, as the command would throw on them and roll back the group
                continue;
            }
            before.accept(item);
            // what ExternalTaskService.complete runs, here inside the group's command
            new CompleteExternalTaskCmd(id, workerId, null, null).execute(context);
        }
        return notHeld;
    }

    /**
     * Reads what completing the group's tasks needs into the command's cache, one query each for the
     * whole group: the tasks, then every execution, variable and external task of their runs, the runs'
     * history rows and those of the tasks' activities. Each run's execution tree is put together from
     * those ({@code restoreProcessInstance}, as Camunda does when it migrates a run), so completing a
     * task reads none of them on its own, where Camunda otherwise reads the run's tree, the task's
     * execution, the run's variables, the execution's external tasks and the two history rows, the run's
     * several times (RootInstanceRead, OperatorHistory), for every task.
     */
    private static void readTogether(CommandContext context, Set<String> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        ExternalTaskQueryImpl held = new ExternalTaskQueryImpl();
        held.externalTaskIdIn(taskIds);
        List<ExternalTask> heldTasks = held.executeList(context, null);
        String[] runIds = heldTasks.stream().map(ExternalTask::getProcessInstanceId).distinct().toArray(String[]::new);
        if (runIds.length == 0) {
            return;
        }
        Map<String, List<ExecutionEntity>> executions = executionsOf(context, runIds).stream()
                .collect(Collectors.groupingBy(ExecutionEntity::getProcessInstanceId));
        VariableInstanceQueryImpl variableQuery = new VariableInstanceQueryImpl();
        variableQuery.processInstanceIdIn(runIds).disableBinaryFetching().disableCustomObjectDeserialization();
        Map<String, List<VariableInstanceEntity>> variables = variableQuery.executeList(context, null).stream()
                .map(VariableInstanceEntity.class::cast)
                .collect(Collectors.groupingBy(VariableInstanceEntity::getProcessInstanceId));
        // their history rows, where every history event of a run reads its removal time (RootInstanceRead)
        HistoricProcessInstanceQueryImpl historyRows = new HistoricProcessInstanceQueryImpl();
        historyRows.processInstanceIds(Set.of(runIds));
        historyRows.executeList(context, null);
        // and those of the tasks' activities, which end with them (OperatorHistory)
        byIds(new NativeHistoricActivityInstanceQueryImpl(context), HistoricActivityInstanceEntity.class, context, "ID_",
                heldTasks.stream().map(ExternalTask::getActivityInstanceId).distinct().toArray(String[]::new)).list();
        ExternalTaskQueryImpl taskQuery = new ExternalTaskQueryImpl();
        taskQuery.processInstanceIdIn(runIds);
        Map<String, List<ExternalTaskEntity>> tasks = taskQuery.executeList(context, null).stream()
                .map(ExternalTaskEntity.class::cast)
                .collect(Collectors.groupingBy(ExternalTaskEntity::getProcessInstanceId));
        for (List<ExecutionEntity> tree : executions.values()) {
            ExecutionEntity run = tree.stream().filter(ExecutionEntity::isProcessInstanceExecution).findFirst()
                    .orElse(null);
            List<ExternalTaskEntity> runTasks = tasks.getOrDefault(run == null ? "" : run.getId(), List.of());
            Set<String> inTree = tree.stream().map(ExecutionEntity::getId).collect(Collectors.toSet());
            if (run == null || !runTasks.stream().allMatch(task -> inTree.contains(task.getExecutionId()))) {
                continue; // the run changed between the reads: Camunda reads what it needs of it itself
            }
            tree.forEach(ExternalTaskGroups::noExternalTasksYet);
            run.restoreProcessInstance(tree, null, variables.getOrDefault(run.getId(), List.of()), null, null, null,
                    runTasks);
        }
    }

    /** Every execution of the runs, in one query (Camunda has no execution query by several runs but a native one). */
    private static List<ExecutionEntity> executionsOf(CommandContext context, String[] runIds) {
        NativeExecutionQueryImpl query = new NativeExecutionQueryImpl(context);
        return byIds(query, ExecutionEntity.class, context, "PROC_INST_ID_", runIds).list().stream()
                .map(ExecutionEntity.class::cast).toList();
    }

    /** The native query, set to read the rows of {@code entity}'s table whose {@code column} is one of {@code ids}. */
    private static <Q extends NativeQuery<Q, ?>> Q byIds(Q query, Class<?> entity, CommandContext context,
                                                          String column, String[] ids) {
        StringBuilder sql = new StringBuilder("select * from ")
                .append(context.getTableDataManager().getTableName(entity, true))
                .append(" where ").append(column).append(" in (");
        for (int i = 0; i < ids.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("#{id").append(i).append('}');
            query.parameter("id" + i, ids[i]);
        }
        return query.sql(sql.append(')').toString());
    }

    /**
     * An empty list of external tasks on the execution, into which restoring the tree adds those read:
     * Camunda would otherwise read the execution's external tasks before adding the first. Its cached
     * entity state, which Camunda writes back, is left as it was.
     */
    private static void noExternalTasksYet(ExecutionEntity execution) {
        int state = execution.getCachedEntityState();
        execution.setCachedEntityState(BitMaskUtil.setBitOff(state, ExecutionEntity.EXTERNAL_TASKS_BIT));
        execution.setCachedEntityState(state);
    }
}
