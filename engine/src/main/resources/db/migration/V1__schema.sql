-- Cascade's own tables. Camunda keeps its ACT_* tables; both live in one database so that an
-- event, its executions and their process instances commit in one transaction.
-- Portable SQL: runs on PostgreSQL and on H2 (the zero-install default).

create table teams (
    id         uuid primary key,
    name       varchar(128) not null unique,
    created_at timestamp with time zone not null
);

create table team_members (
    team_id  uuid         not null references teams (id),
    username varchar(128) not null,
    role     varchar(16)  not null,
    primary key (team_id, username)
);
create index team_members_by_user on team_members (username);

create table projects (
    id         uuid primary key,
    team_id    uuid         not null references teams (id),
    name       varchar(128) not null,
    created_at timestamp with time zone not null,
    unique (team_id, name)
);

create table secrets (
    team_id    uuid         not null references teams (id),
    name       varchar(128) not null,
    ciphertext varchar(8192) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (team_id, name)
);

create table webhooks (
    id                uuid primary key,
    team_id           uuid          not null references teams (id),
    name              varchar(128)  not null,
    url               varchar(2048) not null,
    secret_name       varchar(128),
    access_token_name varchar(128),
    disabled_reason   varchar(1024),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    unique (team_id, name)
);

-- Deleted automations stay (soft delete) so every node's matcher learns of the deletion;
-- live_name is null once deleted, which frees the name for reuse. revision grows with every
-- change (microseconds since the epoch, or one more than before), so matchers skip stale rows.
create table automations (
    id            uuid primary key,
    team_id       uuid          not null references teams (id),
    project_id    uuid          not null references projects (id),
    name          varchar(128)  not null,
    live_name     varchar(128),
    description   varchar(4096),
    enabled       boolean       not null,
    event_type    varchar(32)   not null,
    collection    varchar(128),
    alias_pattern varchar(1024),
    action_type   varchar(32)   not null,
    action_name   varchar(128)  not null,
    queue         varchar(128),
    action        text          not null,
    deleted       boolean       not null default false,
    revision      bigint        not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    unique (project_id, live_name)
);
create index automations_by_change on automations (updated_at);

create table events (
    id               uuid primary key,
    team_id          uuid         not null references teams (id),
    project_id       uuid         not null references projects (id),
    event_key        varchar(128) not null,
    event_type       varchar(32)  not null,
    author           varchar(128),
    collection       varchar(128),
    alias            varchar(128),
    artifact_id      varchar(256),
    artifact_version varchar(128),
    artifact_type    varchar(128),
    metadata         text,
    response         text         not null,
    created_at       timestamp with time zone not null,
    unique (team_id, event_key)
);

create table executions (
    id                  uuid primary key,
    team_id             uuid         not null references teams (id),
    project_id          uuid         not null references projects (id),
    event_id            uuid         not null references events (id),
    automation_id       uuid         not null,
    automation_name     varchar(128) not null,
    action_type         varchar(32)  not null,
    action              text         not null,
    payload             text,
    status              varchar(16)  not null,
    process_instance_id varchar(64),
    attempts            integer      not null default 0,
    last_error          text,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index executions_by_project on executions (project_id, created_at desc, id desc);

create table execution_attempts (
    id              uuid primary key,
    execution_id    uuid    not null references executions (id),
    number          integer not null,
    started_at      timestamp with time zone not null,
    duration_ms     bigint  not null,
    response_status integer,
    response_body   text,
    error           text
);
create index execution_attempts_by_execution on execution_attempts (execution_id, number);
