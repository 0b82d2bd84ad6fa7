-- Camunda history of :count finished webhook runs (1 ACT_HI_PROCINST, 3 ACT_HI_ACTINST and 11 ACT_HI_VARINST rows
-- each, as load/history-load-fill.sql writes them), accepted evenly from :from over :span seconds, oldest first,
-- each row with the removal time of a 30-day retention. psql variables: prefix, count, from, span.
create temporary table fill_runs as
select i, md5(:'prefix' || 'p' || i)::uuid::text as instance_id,
       md5(:'prefix' || 'e' || i)::uuid as event_id, md5(:'prefix' || 'x' || i)::uuid as execution_id,
       (:'from'::timestamp + i * interval '1 second' * :span / :count) as created_at,
       40 + i * 37 % 2000 as latency_ms
from generate_series(1, :count) i;

insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
                             removal_time_, duration_, start_act_id_, end_act_id_, root_proc_inst_id_, tenant_id_, state_)
select instance_id, instance_id, 'project/automation/' || execution_id, 'webhook-action',
       'webhook-action:1:def', created_at, created_at + (latency_ms + 30) * interval '1 millisecond',
       created_at + interval '30 days', latency_ms + 30,
       'StartEvent_AutomationFired', 'EndEvent_Delivered', instance_id, 'team', 'COMPLETED'
from fill_runs;

insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
                            execution_id_, act_id_, act_name_, act_type_, start_time_, end_time_, duration_,
                            act_inst_state_, sequence_counter_, tenant_id_, removal_time_)
select s.act_id || ':' || md5(:'prefix' || 'i' || s.n || '-' || r.i)::uuid, r.instance_id, 'webhook-action',
       'webhook-action:1:def', r.instance_id, r.instance_id,
       case when s.n = 2 then md5(:'prefix' || 'c' || r.i)::uuid::text else r.instance_id end,
       s.act_id, s.act_name, s.act_type,
       r.created_at + s.starts * (r.latency_ms + 30) * interval '1 millisecond',
       r.created_at + s.ends * (r.latency_ms + 30) * interval '1 millisecond',
       (s.ends - s.starts) * (r.latency_ms + 30), s.state, s.sequence, 'team',
       r.created_at + interval '30 days'
from fill_runs r
cross join (values (1, 'StartEvent_AutomationFired', 'Automation fired', 'startEvent', 0.0, 0.0, 4, 1),
                   (2, 'Task_DeliverWebhook', 'Deliver webhook', 'serviceTask', 0.0, 0.98, 4, 3),
                   (3, 'EndEvent_Delivered', 'Delivered', 'noneEndEvent', 0.98, 1.0, 1, 5))
    as s (n, act_id, act_name, act_type, starts, ends, state, sequence)
order by r.i, s.n;

insert into act_hi_varinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
                            act_inst_id_, name_, var_type_, create_time_, rev_, text_, tenant_id_, state_, removal_time_)
select md5(:'prefix' || 'v' || v.n || '-' || r.i)::uuid::text, 'webhook-action', 'webhook-action:1:def', r.instance_id,
       r.instance_id, r.instance_id, r.instance_id, v.name, 'string', r.created_at, 0,
       case v.name when 'artifactVersion' then 'v' || r.i when 'eventId' then r.event_id::text
                   when 'eventKey' then r.event_id::text when 'executionId' then r.execution_id::text
                   else 'some-label-' || v.name end,
       'team', 'CREATED', r.created_at + interval '30 days'
from fill_runs r
cross join unnest(array['actionName', 'artifactVersion', 'automationId', 'automationName', 'collection', 'eventId',
                        'eventKey', 'eventType', 'executionId', 'project', 'team']) with ordinality as v (name, n)
order by r.i, v.n;
drop table fill_runs;
