package io.cascade.engine.camunda;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.ExternalTaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingListener;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * Fetches and locks external tasks as {@code ExternalTaskService.fetchAndLock} does (the same tasks
 * qualify: not locked or lock expired, active, retries left, where active is the suspension state
 * Camunda gives every task it creates; the same optimistic lock: a task another worker locked first is
 * left out), with two differences:
 * <ul>
 * <li>Tasks come in the order they became due: a new task when it was created, a fetched one when its
 * lock expired or its wait for the next attempt ended. Camunda's fetch takes them in no order, so under a
 * backlog some runs waited minutes while later ones went. Each of the two kinds is read from an index of
 * its own ({@link ExternalTaskIndexes}) holding nothing else that is due, so the fetch reads only the
 * tasks it takes, however many wait for the next attempt at a receiver that is down.</li>
 * <li>The requested variables of all the locked runs are read in one query. Camunda's own fetch loads
 * each task's execution and then that execution's variables, two reads per task, which was half of what
 * the webhook poller spent. For processes whose variables live on the process instance, as the webhook
 * process's do.</li>
 * </ul>
 */
@Component
public class LockedTasks {

    /**
     * The due tasks' ids, due first first; {@code %s} is the table, twice. The conditions are the partial
     * indexes' ({@link ExternalTaskIndexes#FETCHABLE}), so PostgreSQL reads each part from its own index, in
     * order, and stops at the limit.
     */
    static final String DUE = """
            select ID_ from (
              select ID_, DUE_ from (
                select ID_, CREATE_TIME_ as DUE_ from %s
                where TOPIC_NAME_ = ? and LOCK_EXP_TIME_ is null and FETCHABLE
                order by CREATE_TIME_ fetch first ? rows only) never_fetched
              union all
              select ID_, DUE_ from (
                select ID_, LOCK_EXP_TIME_ as DUE_ from %s
                where TOPIC_NAME_ = ? and LOCK_EXP_TIME_ <= ? and FETCHABLE
                order by LOCK_EXP_TIME_ fetch first ? rows only) lock_expired
            ) due order by DUE_ fetch first ? rows only""".replace("FETCHABLE", ExternalTaskIndexes.FETCHABLE);

    private final ProcessEngineConfigurationImpl engine;

    LockedTasks(ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    /** A task locked to the caller, with its process instance's variables of the names asked for. */
    public record Locked(String id, String processInstanceId, Integer retries, Map<String, Object> variables) {
    }

    /** Up to {@code max} tasks of {@code topic} locked to {@code workerId} for {@code lockDuration}. */
    public List<Locked> fetchAndLock(String workerId, String topic, int max, Duration lockDuration,
                                     String... variableNames) {
        if (max <= 0) {
            return List.of();
        }
        return engine.getCommandExecutorTxRequired().execute(context -> lock(context, workerId, topic, max,
                lockDuration.toMillis(), variableNames));
    }

    private static List<Locked> lock(CommandContext context, String workerId, String topic, int max,
                                     long lockMillis, String[] variableNames) {
        List<ExternalTaskEntity> tasks = due(context, topic, max);
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<String> processInstances = new ArrayList<>(tasks.size());
        for (ExternalTaskEntity task : tasks) {
            task.lock(workerId, lockMillis); // written at the command's flush, if the task's revision still holds
            processInstances.add(task.getProcessInstanceId());
        }
        Map<String, Map<String, Object>> variables = variables(context, processInstances, variableNames);
        List<Locked> locked = new ArrayList<>(tasks.size());
        for (ExternalTaskEntity task : tasks) {
            locked.add(new Locked(task.getId(), task.getProcessInstanceId(), task.getRetries(),
                    variables.getOrDefault(task.getProcessInstanceId(), Map.of())));
        }
        context.getDbEntityManager().registerOptimisticLockingListener(new LeaveOutTakenTasks(locked));
        return locked;
    }

    /**
     * Up to {@code max} of the topic's due tasks, those due first first: one query for their ids, the
     * oldest never fetched and the fetched whose lock expired longest ago, each from their index, merged
     * by when they became due, and one that reads them into the command's cache. A task another worker locked
     * between the two is left out here; one it locks after both, by the optimistic lock.
     */
    private static List<ExternalTaskEntity> due(CommandContext context, String topic, int max) {
        Date now = ClockUtil.getCurrentTime();
        List<String> ids = dueIds(context, topic, max, now);
        if (ids.isEmpty()) {
            return List.of();
        }
        ExternalTaskQueryImpl query = new ExternalTaskQueryImpl();
        query.externalTaskIdIn(Set.copyOf(ids));
        Map<String, ExternalTaskEntity> read = new HashMap<>();
        for (ExternalTask task : query.executeList(context, null)) {
            read.put(task.getId(), (ExternalTaskEntity) task);
        }
        List<ExternalTaskEntity> due = new ArrayList<>(ids.size());
        for (String id : ids) {
            ExternalTaskEntity task = read.get(id);
            if (task != null && isDue(task, now)) {
                due.add(task);
            }
        }
        return due;
    }

    /** What Camunda's fetch asks of a task: not locked, or its lock expired; active; retries left. */
    private static boolean isDue(ExternalTaskEntity task, Date now) {
        return (task.getLockExpirationTime() == null || !task.getLockExpirationTime().after(now))
                && !task.isSuspended() && (task.getRetries() == null || task.getRetries() > 0);
    }

    private static List<String> dueIds(CommandContext context, String topic, int max, Date now) {
        String table = context.getTableDataManager().getTableName(ExternalTaskEntity.class, true);
        List<String> ids = new ArrayList<>();
        Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement select = connection.prepareStatement(DUE.formatted(table, table))) {
            Timestamp at = new Timestamp(now.getTime());
            select.setString(1, topic);
            select.setInt(2, max);
            select.setString(3, topic);
            select.setTimestamp(4, at);
            select.setInt(5, max);
            select.setInt(6, max);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not read the due external tasks of topic " + topic, e);
        }
        return ids;
    }

    private static Map<String, Map<String, Object>> variables(CommandContext context, List<String> processInstances,
                                                              String[] names) {
        Map<String, Map<String, Object>> byInstance = new HashMap<>();
        if (names.length == 0) {
            return byInstance;
        }
        VariableInstanceQueryImpl query = new VariableInstanceQueryImpl();
        query.processInstanceIdIn(processInstances.toArray(String[]::new)).variableNameIn(names)
                .disableBinaryFetching().disableCustomObjectDeserialization();
        for (VariableInstance variable : query.executeList(context, null)) {
            byInstance.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                    .put(variable.getName(), variable.getValue());
        }
        return byInstance;
    }

    /** A task whose lock failed on its revision was taken by another worker first: it is not ours to deliver. */
    record LeaveOutTakenTasks(List<Locked> locked) implements OptimisticLockingListener {

        @Override
        public Class<? extends DbEntity> getEntityType() {
            return ExternalTaskEntity.class;
        }

        @Override
        public OptimisticLockingResult failedOperation(DbOperation operation) {
            if (operation instanceof DbEntityOperation entityOperation
                    && entityOperation.getEntity() instanceof ExternalTaskEntity task) {
                String id = task.getId();
                for (Iterator<Locked> it = locked.iterator(); it.hasNext(); ) {
                    if (it.next().id().equals(id)) {
                        it.remove();
                        return OptimisticLockingResult.IGNORE;
                    }
                }
            }
            return OptimisticLockingResult.THROW;
        }
    }
}
