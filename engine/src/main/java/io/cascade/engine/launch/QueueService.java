package io.cascade.engine.launch;

import io.cascade.engine.automation.AutomationUsers;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.team.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A team's launch queues. */
@Service
public class QueueService {

    private final JdbcClient jdbc;
    private final AutomationUsers automations;
    private final ApplicationEventPublisher changes;

    QueueService(JdbcClient jdbc, AutomationUsers automations, ApplicationEventPublisher changes) {
        this.automations = automations;
        this.changes = changes;
        this.jdbc = jdbc;
    }

    @Transactional
    public Queue create(Team team, String name, String description) {
        Names.require("name", name);
        if (description != null && description.length() > 4096) {
            throw new InvalidInputException("description", "description must be at most 4096 characters");
        }
        if (find(team, name).isPresent()) {
            throw new ConflictException("name", "queue " + name + " already exists");
        }
        Queue queue = new Queue(UUID.randomUUID(), name, description, OffsetDateTime.now());
        jdbc.sql("insert into queues (id, team_id, name, description, created_at) values (?, ?, ?, ?, ?)")
                .params(queue.id(), team.id(), name, description, queue.createdAt())
                .update();
        changes.publishEvent(Change.created(team.id(), "queue", name, queue));
        return queue;
    }

    public List<Queue> list(Team team) {
        return jdbc.sql("select id, name, description, created_at from queues where team_id = ? order by name")
                .param(team.id()).query(QueueService::map).list();
    }

    Optional<Queue> find(Team team, String name) {
        return jdbc.sql("select id, name, description, created_at from queues where team_id = ? and name = ?")
                .params(team.id(), name).query(QueueService::map).optional();
    }

    public Queue require(Team team, String name) {
        return find(team, name).orElseThrow(() -> new NotFoundException("queue " + name + " not found"));
    }

    @Transactional
    public void delete(Team team, String name) {
        Queue queue = require(team, name);
        List<String> users = automations.ofQueue(team.id(), name);
        if (!users.isEmpty()) {
            throw new ConflictException("name", "queue " + name + " is used by automation " + String.join(", ", users)
                    + "; change or delete the automation first");
        }
        jdbc.sql("delete from queues where id = ?").param(queue.id()).update();
        changes.publishEvent(Change.deleted(team.id(), "queue", name, queue));
    }

    private static Queue map(ResultSet rs, int row) throws SQLException {
        return new Queue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class));
    }
}
