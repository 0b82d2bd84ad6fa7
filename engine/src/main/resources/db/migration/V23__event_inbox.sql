-- Events accepted with "Prefer: respond-async": committed here before the 202, matched and started
-- by the inbox worker in batches, and deleted in the transaction that writes them into events.
-- Team and project names are kept beside their ids (names never change), so taking a row needs
-- no look-up. A row that could not be taken (e.g. a rule that throws) stays, with the error and
-- when it is tried again: nothing accepted is dropped.
create table event_inbox (
    id              uuid primary key,
    team_id         uuid         not null references teams (id),
    team_name       varchar(128) not null,
    project_id      uuid         not null references projects (id),
    project_name    varchar(128) not null,
    event_key       varchar(128) not null,
    event           text         not null,
    submitted_by    varchar(256) not null,
    received_at     timestamp with time zone not null,
    due_at          timestamp with time zone not null,
    attempts        integer      not null default 0,
    last_error      varchar(1000),
    unique (team_id, event_key)
);

create index event_inbox_due on event_inbox (due_at, id);
