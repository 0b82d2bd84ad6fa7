-- One team ("bench") with 10 projects, 50 automations (every fifth a launch), 1,000,000 events and
-- 1,000,000 executions spread evenly over the last 30 days. Outcomes: 93% finished, 5% failed,
-- 1% running, 1% pending; events: 60% new versions, 30% links, 10% aliases; 200 collections,
-- 500 authors. Deterministic (no random()), so every run measures the same data.
-- The overview rollup is then computed from these executions by OverviewBackfill, as the migration
-- that introduced it does (HistoryBenchmark.fill).

insert into teams (id, name, created_at) values ('00000000-0000-0000-0000-00000000be00', 'bench', now());

insert into projects (id, team_id, name, created_at)
select md5('project' || p)::uuid, '00000000-0000-0000-0000-00000000be00', 'project-' || p, now()
from generate_series(0, 9) p;

insert into webhooks (id, team_id, name, url, disabled_reason, created_at, updated_at)
select md5('webhook' || w)::uuid, '00000000-0000-0000-0000-00000000be00', 'webhook-' || w,
       'https://hooks.example.com/' || w,
       case when w < 2 then 'the receiver answered 410 Gone' end, now(), now() - w * interval '1 day'
from generate_series(0, 9) w;

insert into events (id, team_id, project_id, event_key, event_type, author, collection, alias, artifact_id,
                    artifact_version, artifact_type, metadata, response, created_at)
select md5('event' || i)::uuid, '00000000-0000-0000-0000-00000000be00', md5('project' || (i % 50 % 10))::uuid,
       'event-' || i,
       case when i % 10 < 6 then 'CREATE_ARTIFACT' when i % 10 < 9 then 'LINK_ARTIFACT' else 'ADD_ARTIFACT_ALIAS' end,
       'user-' || (i * 7 % 500), 'collection-' || (i * 13 % 200),
       case when i % 10 = 9 then 'production' end, 'QXJ0aWZhY3Q6' || i, 'v' || (i % 40), 'dataset', '{}', '{}',
       now() - (i * interval '30 days' / 1000000)
from generate_series(1, 1000000) i;

insert into executions (id, team_id, project_id, event_id, automation_id, automation_name, action_type, action,
                        payload, status, process_instance_id, attempts, last_error, created_at, updated_at,
                        event_type, collection, author, action_name, last_response_status, delivered_at, queue)
select md5('execution' || i)::uuid, e.team_id, e.project_id, e.id, md5('automation' || (i % 50))::uuid,
       'automation-' || (i % 50),
       case when i % 50 % 5 = 0 then 'QUEUE_JOB' else 'GENERIC_WEBHOOK' end,
       case when i % 50 % 5 = 0
            then '{"type":"QUEUE_JOB","job":"job-' || (i % 50) || '","jobVersion":"v1","queue":"gpu"}'
            else '{"type":"GENERIC_WEBHOOK","webhook":"webhook-' || (i % 10) || '","url":"https://hooks.example.com/'
                 || (i % 10) || '","payloadTemplate":"{}"}' end,
       '{"event":"' || e.event_key || '"}', s.status, 'pi-' || i,
       case when s.status in ('FINISHED', 'FAILED', 'RUNNING') then 1 else 0 end,
       case when s.status = 'FAILED' then 'receiver answered 500' end,
       e.created_at, e.created_at, e.event_type, e.collection, e.author,
       case when i % 50 % 5 = 0 then 'job-' || (i % 50) else 'webhook-' || (i % 10) end,
       case when i % 50 % 5 = 0 or s.status = 'PENDING' then null
            when s.status = 'FAILED' then 500 when s.status = 'RUNNING' then 503 else 200 end,
       case when s.status = 'FINISHED' and i % 50 % 5 <> 0
            then e.created_at + ((40 + i * 37 % 2000) * interval '1 millisecond') end,
       case when i % 50 % 5 = 0 then 'gpu' end
from generate_series(1, 1000000) i
join events e on e.id = md5('event' || i)::uuid
cross join lateral (select case when i::bigint * 7919 % 100 < 93 then 'FINISHED' when i::bigint * 7919 % 100 < 98 then 'FAILED'
                                when i::bigint * 7919 % 100 < 99 then 'RUNNING' else 'PENDING' end as status) s;
