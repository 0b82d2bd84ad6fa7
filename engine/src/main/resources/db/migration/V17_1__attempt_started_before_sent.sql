-- An attempt is recorded as started before its request leaves and completed once answered:
-- until then (or for good, when the node stopped in between) it has no duration.
alter table execution_attempts alter column duration_ms drop not null;
