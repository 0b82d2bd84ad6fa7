package io.cascade.engine.camunda;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.ExternalTaskQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
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
     * Reads the group's tasks, then their runs, one query each, into the command's cache, where the
     * completions find them: each completion would otherwise read its task and its run on its own.
     */
    private static void readTogether(CommandContext context, Set<String> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        ExternalTaskQueryImpl tasks = new ExternalTaskQueryImpl();
        tasks.externalTaskIdIn(taskIds);
        Set<String> runIds = tasks.executeList(context, null).stream()
                .map(ExternalTask::getProcessInstanceId)
                .collect(Collectors.toSet());
        if (!runIds.isEmpty()) {
            ProcessInstanceQueryImpl runs = new ProcessInstanceQueryImpl();
            runs.processInstanceIds(runIds);
            runs.executeList(context, null);
        }
    }
}
