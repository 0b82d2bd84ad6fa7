-- API tokens: team tokens (team_id, role) and personal tokens (owner). Only a SHA-256 of the
-- value is kept; revoking deletes the row.
create table api_tokens (
    id           uuid primary key,
    token_hash   varchar(64)  not null unique,
    name         varchar(128) not null,
    team_id      uuid references teams (id),
    role         varchar(16),
    owner        varchar(128),
    created_by   varchar(128) not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    expires_at   timestamp with time zone
);
create index api_tokens_by_team on api_tokens (team_id);
create index api_tokens_by_owner on api_tokens (owner);
