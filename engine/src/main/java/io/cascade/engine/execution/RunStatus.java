package io.cascade.engine.execution;

/** A launch run as a queue shows it. */
public enum RunStatus {
    QUEUED, RUNNING, FINISHED, FAILED
}
