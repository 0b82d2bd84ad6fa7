-- Launch jobs: jobs with immutable versions, team queues, and what agents report back.

create table jobs (
    id          uuid primary key,
    team_id     uuid         not null references teams (id),
    project_id  uuid         not null references projects (id),
    name        varchar(128) not null,
    description varchar(4096),
    created_at  timestamp with time zone not null,
    unique (project_id, name)
);

create table job_versions (
    job_id     uuid    not null references jobs (id),
    number     integer not null,
    config     text    not null,
    created_at timestamp with time zone not null,
    primary key (job_id, number)
);

create table queues (
    id          uuid primary key,
    team_id     uuid         not null references teams (id),
    name        varchar(128) not null,
    description varchar(4096),
    created_at  timestamp with time zone not null,
    unique (team_id, name)
);

alter table executions add column queue varchar(128);
alter table executions add column worker_id varchar(256);
alter table executions add column result text;
create index executions_by_queue on executions (team_id, queue, created_at desc, id desc);
