package io.cascade.engine.project;

import java.util.Optional;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.team.Team;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects of a team; automations and events are scoped to one. */
@Service
public class ProjectService {

    private final JdbcClient jdbc;

    ProjectService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Project create(Team team, String name) {
        Names.require("name", name);
        if (find(team, name).isPresent()) {
            throw new ConflictException("name", "project " + name + " already exists in team " + team.name());
        }
        Project project = new Project(UUID.randomUUID(), team.id(), name);
        jdbc.sql("insert into projects (id, team_id, name, created_at) values (?, ?, ?, ?)")
                .params(project.id(), team.id(), name, OffsetDateTime.now())
                .update();
        return project;
    }

    public Project require(Team team, String name) {
        return find(team, name).orElseThrow(() -> notFound(team, name));
    }

    /** The team's project of this name whose id a read found, or 404 when it found none. */
    public static Project known(Team team, String name, UUID idOrNull) {
        if (idOrNull == null) {
            throw notFound(team, name);
        }
        return new Project(idOrNull, team.id(), name);
    }

    public Optional<Project> find(Team team, String name) {
        return jdbc.sql("select id, team_id, name from projects where team_id = ? and name = ?")
                .params(team.id(), name)
                .query((rs, n) -> new Project(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
    }

    public String name(UUID projectId) {
        return jdbc.sql("select name from projects where id = ?").param(projectId).query(String.class).single();
    }

    public List<Project> list(Team team) {
        return jdbc.sql("select id, team_id, name from projects where team_id = ? order by name")
                .param(team.id())
                .query((rs, n) -> new Project(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    private static NotFoundException notFound(Team team, String name) {
        return new NotFoundException("project " + name + " not found in team " + team.name());
    }
}
