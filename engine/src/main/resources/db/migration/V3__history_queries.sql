-- History filters and the overview aggregate read executions alone: the event fields they filter
-- on, the action's name, the last HTTP status and when the delivery succeeded are copied onto the
-- execution when it is written, so a page or a 30-day aggregate never joins events or attempts.

alter table executions add column event_type varchar(32);
alter table executions add column collection varchar(128);
alter table executions add column author varchar(128);
alter table executions add column action_name varchar(128);
alter table executions add column last_response_status integer;
-- when the first successful attempt ended (webhooks): delivery latency is delivered_at - created_at,
-- and created_at is written in the transaction that accepts the event
alter table executions add column delivered_at timestamp with time zone;

update executions set event_type = (select e.event_type from events e where e.id = executions.event_id);
update executions set collection = (select e.collection from events e where e.id = executions.event_id);
update executions set author = (select e.author from events e where e.id = executions.event_id);
-- the automation's current action name: the closest to the name it ran with that older rows still know
update executions set action_name = (select a.action_name from automations a where a.id = executions.automation_id);
update executions set last_response_status = (select a.response_status from execution_attempts a
    where a.execution_id = executions.id and a.number = executions.attempts);

-- team-wide history, newest first; the project list keeps executions_by_project
create index executions_by_team on executions (team_id, created_at desc, id desc);
create index executions_by_automation on executions (automation_id, created_at desc, id desc);
create index executions_by_team_status on executions (team_id, status, created_at desc, id desc);
create index executions_by_project_status on executions (project_id, status, created_at desc, id desc);
create index executions_by_team_event_type on executions (team_id, event_type, created_at desc, id desc);
