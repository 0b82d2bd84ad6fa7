package io.cascade.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade.engine.camunda.LockedTasks.LeaveOutTakenTasks;
import io.cascade.engine.camunda.LockedTasks.Locked;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.junit.jupiter.api.Test;

/** A lock that loses to another worker's: that task leaves the fetch's result, anything else fails the fetch. */
class LockedTasksTest {

    private final List<Locked> locked = new ArrayList<>(List.of(task("a"), task("b")));
    private final LeaveOutTakenTasks listener = new LeaveOutTakenTasks(locked);

    @Test
    void aTaskWhoseLockFailedIsLeftOutAndTheFlushGoesOn() {
        ExternalTaskEntity taken = new ExternalTaskEntity();
        taken.setId("a");

        assertThat(listener.failedOperation(operationOn(taken))).isEqualTo(OptimisticLockingResult.IGNORE);
        assertThat(locked).extracting(Locked::id).containsExactly("b");
    }

    @Test
    void aFailedLockOnATaskThisFetchDidNotLockFailsTheFetch() {
        ExternalTaskEntity unknown = new ExternalTaskEntity();
        unknown.setId("c");

        assertThat(listener.failedOperation(operationOn(unknown))).isEqualTo(OptimisticLockingResult.THROW);
        assertThat(listener.getEntityType()).isEqualTo(ExternalTaskEntity.class);
        assertThat(locked).hasSize(2);
    }

    @Test
    void aFailedOperationOnAnotherEntityFailsTheFetch() {
        ExecutionEntity execution = new ExecutionEntity();
        execution.setId("a");

        assertThat(listener.failedOperation(operationOn(execution))).isEqualTo(OptimisticLockingResult.THROW);
        assertThat(locked).hasSize(2);
    }

    private static DbEntityOperation operationOn(DbEntity entity) {
        DbEntityOperation operation = new DbEntityOperation();
        operation.setEntity(entity);
        return operation;
    }

    private static Locked task(String id) {
        return new Locked(id, "instance-" + id, null, Map.of());
    }
}
