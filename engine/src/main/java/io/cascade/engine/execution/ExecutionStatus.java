package io.cascade.engine.execution;

/** PENDING: not attempted yet. RUNNING: attempts under way. FINISHED and FAILED are final (until a redelivery). */
public enum ExecutionStatus {
    PENDING, RUNNING, FINISHED, FAILED
}
