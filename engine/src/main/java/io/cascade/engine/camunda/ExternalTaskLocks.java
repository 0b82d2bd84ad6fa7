package io.cascade.engine.camunda;

/**
 * SQL over Camunda's external task table, for history queries that show whether an agent holds a
 * run. Kept here so that every read of act_* tables is in this adapter.
 */
public final class ExternalTaskLocks {

    /** The lock's expiry and the worker holding it, as lock_expires and lock_worker. */
    public static final String COLUMNS = "ext.lock_exp_time_ as lock_expires, ext.worker_id_ as lock_worker";

    /** A run is locked while its lock has not expired; needs the parameter :now. */
    public static final String LOCKED = "ext.lock_exp_time_ is not null and ext.lock_exp_time_ > :now";

    private ExternalTaskLocks() {
    }

    /**
     * Joins the agent's external task of the process instance in the given column, if there is one.
     * A webhook delivery's task is held by Cascade's own worker, not an agent, and is left out.
     */
    public static String joinOn(String processInstanceColumn) {
        return "left join act_ru_ext_task ext on ext.proc_inst_id_ = " + processInstanceColumn
                + " and ext.topic_name_ <> '" + ActionProcesses.WEBHOOK_TOPIC + "'";
    }
}
