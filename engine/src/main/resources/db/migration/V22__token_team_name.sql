-- A token is checked by reading its own row alone (one lookup by the indexed hash), so a team
-- token keeps its team's name (team names never change) instead of the check joining teams.
alter table api_tokens add column team_name varchar(128);
update api_tokens set team_name = (select t.name from teams t where t.id = api_tokens.team_id)
where team_id is not null;
