package io.cascade.api.team;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** What a team has left behind: its rows in Cascade's tables, and its process instances in Camunda's history. */
public final class TeamRecords {

    private final JdbcClient jdbc;
    private final RestClient admin;

    public TeamRecords(JdbcClient jdbc, RestClient admin) {
        this.jdbc = jdbc;
        this.admin = admin;
    }

    public long events(String team) {
        return count("events", team);
    }

    public long executions(String team) {
        return count("executions", team);
    }

    public long automations(String team) {
        return count("automations", team);
    }

    /** Process instances of the team's tenant, as Cockpit and {@code /engine-rest} show them, finished ones included. */
    public long processInstances(String team) {
        return admin.get().uri("/engine-rest/history/process-instance/count?tenantIdIn={team}", team)
                .retrieve().body(JsonNode.class).get("count").asLong();
    }

    private long count(String table, String team) {
        return jdbc.sql("select count(*) from " + table + " x join teams t on t.id = x.team_id where t.name = ?")
                .param(team).query(Long.class).single();
    }
}
