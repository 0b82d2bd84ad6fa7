-- HistoryLoad's fill: {{count}} finished webhook runs of the load's team, as the engine would have left
-- them, accepted evenly from {{from}} over {{span_seconds}} s: per run one event, one FINISHED execution
-- delivered with one attempt, and Camunda's history at level full (camunda.OperatorHistory): one
-- ACT_HI_PROCINST row, three ACT_HI_ACTINST rows (start event, delivery task, end event) and one
-- ACT_HI_VARINST row (its executionId), each with the removal time a run started then gets (start
-- plus the retention). A finished webhook run leaves nothing in ACT_GE_BYTEARRAY (its variables are
-- short strings), in ACT_HI_DETAIL, ACT_HI_JOB_LOG or ACT_HI_EXT_TASK_LOG (OperatorHistory), or in
-- ACT_HI_TASKINST. Runs are spread over the team's automations; {{prefix}} keeps the ids of two fills
-- apart. The placeholders are filled in by HistoryLoad.fill; deterministic (no random()).

create temporary table fill_automations as
select n, id, name, project_id, project_name
from unnest({{automation_ids}}::uuid[], {{automation_names}}::text[], {{project_ids}}::uuid[],
            {{project_names}}::text[]) with ordinality as a (id, name, project_id, project_name, n);

create temporary table fill_runs as
select i,
       md5('{{prefix}}e' || i)::uuid as event_id,
       md5('{{prefix}}x' || i)::uuid as execution_id,
       md5('{{prefix}}p' || i)::uuid::text as instance_id,
       a.id as automation_id, a.name as automation_name, a.project_id, a.project_name,
       {{from}}::timestamptz + i * interval '1 second' * {{span_seconds}} / {{count}} as created_at,
       40 + i * 37 % 2000 as latency_ms
from generate_series(1, {{count}}) i
join fill_automations a on a.n = 1 + i % {{automation_count}};

insert into events (id, team_id, project_id, event_key, event_type, author, submitted_by, collection, alias,
                    artifact_id, artifact_version, artifact_type, metadata, response, created_at)
select event_id, {{team_id}}, project_id, event_id::text, 'CREATE_ARTIFACT', 'load', 'load', 'training-data', null,
       '{{prefix}}-' || i, 'v' || i, 'dataset', '{"rows":' || i || '}',
       '{"id":"' || event_id || '","executions":[{"id":"' || execution_id || '","automation":"' || automation_name
           || '","automationId":"' || automation_id || '"}]}',
       created_at
from fill_runs;

insert into executions (id, team_id, project_id, event_id, automation_id, automation_name, action_type, action,
                        payload, status, process_instance_id, attempts, last_error, created_at, updated_at,
                        event_type, collection, author, action_name, last_response_status, delivered_at)
select execution_id, {{team_id}}, project_id, event_id, automation_id, automation_name, 'GENERIC_WEBHOOK', {{action}},
       '{"version": "{{team_name}}/' || project_name || '/training-data:v' || i || '"}', 'FINISHED', instance_id, 1, null,
       created_at, created_at + (latency_ms + 30) * interval '1 millisecond', 'CREATE_ARTIFACT', 'training-data', 'load',
       'sink', 200, created_at + latency_ms * interval '1 millisecond'
from fill_runs;

insert into execution_attempts (id, execution_id, number, started_at, duration_ms, response_status, response_body,
                                error)
select md5('{{prefix}}a' || i)::uuid, execution_id, 1, created_at + interval '20 milliseconds', latency_ms - 20, 200,
       null, null
from fill_runs;

-- Camunda writes its history times as local timestamps of the JVM (UTC here).
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
                             removal_time_, duration_, start_act_id_, end_act_id_, root_proc_inst_id_, tenant_id_,
                             state_)
select instance_id, instance_id, project_name || '/' || automation_name || '/' || execution_id, 'webhook-action',
       {{definition_id}}, (created_at at time zone 'UTC'),
       (created_at at time zone 'UTC') + (latency_ms + 30) * interval '1 millisecond',
       (created_at at time zone 'UTC') + interval '{{retention_days}} days', latency_ms + 30,
       'StartEvent_AutomationFired', 'EndEvent_Delivered', instance_id, '{{team_name}}', 'COMPLETED'
from fill_runs;

insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
                            execution_id_, act_id_, act_name_, act_type_, start_time_, end_time_, duration_,
                            act_inst_state_, sequence_counter_, tenant_id_, removal_time_)
select s.act_id || ':' || md5('{{prefix}}i' || s.n || '-' || r.i)::uuid, r.instance_id, 'webhook-action',
       {{definition_id}}, r.instance_id, r.instance_id,
       case when s.n = 2 then md5('{{prefix}}c' || r.i)::uuid::text else r.instance_id end,
       s.act_id, s.act_name, s.act_type,
       (r.created_at at time zone 'UTC') + s.starts * (r.latency_ms + 30) * interval '1 millisecond',
       (r.created_at at time zone 'UTC') + s.ends * (r.latency_ms + 30) * interval '1 millisecond',
       (s.ends - s.starts) * (r.latency_ms + 30), s.state, s.sequence, '{{team_name}}',
       (r.created_at at time zone 'UTC') + interval '{{retention_days}} days'
from fill_runs r
cross join (values (1, 'StartEvent_AutomationFired', 'Automation fired', 'startEvent', 0.0, 0.0, 4, 1),
                   (2, 'Task_DeliverWebhook', 'Deliver webhook', 'serviceTask', 0.0, 0.98, 4, 3),
                   (3, 'EndEvent_Delivered', 'Delivered', 'noneEndEvent', 0.98, 1.0, 1, 5))
    as s (n, act_id, act_name, act_type, starts, ends, state, sequence);

insert into act_hi_varinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
                            act_inst_id_, name_, var_type_, create_time_, rev_, text_, tenant_id_, state_,
                            removal_time_)
select md5('{{prefix}}v' || r.i)::uuid::text, 'webhook-action', {{definition_id}}, r.instance_id,
       r.instance_id, r.instance_id, r.instance_id, 'executionId', 'string', (r.created_at at time zone 'UTC'), 0,
       r.execution_id::text, '{{team_name}}', 'CREATED', (r.created_at at time zone 'UTC') + interval '{{retention_days}} days'
from fill_runs r;

drop table fill_runs;

drop table fill_automations;
