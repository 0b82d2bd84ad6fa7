-- Retention (cascade.history.retention) removes the oldest events first, each with its executions
-- and their attempts: it walks events by (created_at, id) and finds an event's executions by event_id.
-- Portable SQL: runs on PostgreSQL and on H2 (the zero-install default).

create index events_by_created on events (created_at, id);
create index executions_by_event on executions (event_id);
