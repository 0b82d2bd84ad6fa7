-- Who changed what in a team (never a secret's value), newest first by (at, id).
create table audit_log (
    id            uuid primary key,
    team_id       uuid references teams (id),
    at            timestamp with time zone not null,
    actor         varchar(256) not null,
    actor_token   uuid,
    resource_type varchar(32)  not null,
    resource_id   varchar(256) not null,
    action        varchar(32)  not null,
    before_state  text,
    after_state   text
);
create index audit_log_by_team on audit_log (team_id, at desc, id desc);

-- The account that submitted an event, beside the author the client names.
alter table events add column submitted_by varchar(256);
