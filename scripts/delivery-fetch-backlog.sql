-- The delivery fetch with a receiver down: how long it takes to find the due deliveries while many
-- wait for their next attempt. Run it against a database that Cascade has used (its Camunda schema and
-- the indexes ExternalTaskIndexes creates), e.g. the load script's, and nothing else running:
--
--   psql -h 127.0.0.1 -U postgres -d cascade_load -v waiting=500000 -f scripts/delivery-fetch-backlog.sql
--
-- In one transaction that it rolls back, it adds :waiting webhook tasks that wait an hour for their next
-- attempt (created first, as they would be), then 100 new ones, and times each fetch five times: Camunda's
-- fetch (ExternalTaskService.fetchAndLock's select, as Camunda renders it for PostgreSQL, no order) and
-- Cascade's (LockedTasks.DUE: the due tasks, due first first). Both ask for 64; the plans at the end show
-- what each read to find them.
\set ON_ERROR_STOP on
\timing off
begin;
select id_ as procdef from act_re_procdef where key_ = 'webhook-action' order by version_ desc limit 1 \gset
insert into act_ru_ext_task (id_, rev_, worker_id_, topic_name_, retries_, error_msg_, lock_exp_time_, create_time_,
                             suspension_state_, proc_inst_id_, proc_def_id_, proc_def_key_, act_id_, priority_)
select 'waiting-' || g, 2, 'a-node', 'cascade-webhook', 3, 'receiver down', localtimestamp + interval '1 hour',
       localtimestamp - interval '1 hour' + g * interval '1 ms', 1, 'run-' || g, :'procdef', 'webhook-action',
       'Task_DeliverWebhook', 0
from generate_series(1, :waiting) g;
insert into act_ru_ext_task (id_, rev_, topic_name_, create_time_, suspension_state_, proc_inst_id_, proc_def_id_,
                             proc_def_key_, act_id_, priority_)
select 'new-' || g, 1, 'cascade-webhook', localtimestamp + g * interval '1 ms', 1, 'new-run-' || g, :'procdef',
       'webhook-action', 'Task_DeliverWebhook', 0
from generate_series(1, 100) g;
analyze act_ru_ext_task;
select count(*) as tasks, count(*) filter (where lock_exp_time_ is null) as new_tasks from act_ru_ext_task;

prepare camunda as
select RES.* from (select RES.*, PI.BUSINESS_KEY_, PD.VERSION_TAG_ from ACT_RU_EXT_TASK RES
  left join ACT_RU_EXECUTION PI on RES.PROC_INST_ID_ = PI.ID_
  inner join ACT_RE_PROCDEF PD on RES.PROC_DEF_ID_ = PD.ID_
  where (RES.LOCK_EXP_TIME_ is null or RES.LOCK_EXP_TIME_ <= localtimestamp)
  and (RES.SUSPENSION_STATE_ is null or RES.SUSPENSION_STATE_ = 1)
  and (RES.RETRIES_ is null or RES.RETRIES_ > 0)
  and (RES.TOPIC_NAME_ = 'cascade-webhook')) RES LIMIT 64 OFFSET 0;
prepare cascade as
select ID_ from (
  select ID_, DUE_ from (
    select ID_, CREATE_TIME_ as DUE_ from ACT_RU_EXT_TASK
    where TOPIC_NAME_ = 'cascade-webhook' and LOCK_EXP_TIME_ is null
    and SUSPENSION_STATE_ = 1 and (RETRIES_ is null or RETRIES_ > 0)
    order by CREATE_TIME_ fetch first 64 rows only) never_fetched
  union all
  select ID_, DUE_ from (
    select ID_, LOCK_EXP_TIME_ as DUE_ from ACT_RU_EXT_TASK
    where TOPIC_NAME_ = 'cascade-webhook' and LOCK_EXP_TIME_ <= localtimestamp
    and SUSPENSION_STATE_ = 1 and (RETRIES_ is null or RETRIES_ > 0)
    order by LOCK_EXP_TIME_ fetch first 64 rows only) lock_expired
) due order by DUE_ fetch first 64 rows only;

\echo 'Camunda''s fetch (ExternalTaskService.fetchAndLock), five timings:'
\timing on
execute camunda \g /dev/null
execute camunda \g /dev/null
execute camunda \g /dev/null
execute camunda \g /dev/null
execute camunda \g /dev/null
\timing off
\echo 'Cascade''s fetch (LockedTasks), five timings:'
\timing on
execute cascade \g /dev/null
execute cascade \g /dev/null
execute cascade \g /dev/null
execute cascade \g /dev/null
execute cascade \g /dev/null
\timing off
explain (analyze, costs off, timing off, summary off) execute camunda;
explain (analyze, costs off, timing off, summary off) execute cascade;
rollback;
