package io.cascade.engine.secret;

import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.team.Team;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Team secrets, encrypted at rest. Values leave this class only to render and sign requests. */
@Service
public class SecretService {

    static final int MAX_VALUE_LENGTH = 4096;

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final List<SecretUsers> users;
    private final ApplicationEventPublisher changes;

    /** Changes of secrets are recorded by name alone: their values never leave this class unencrypted. */
    SecretService(JdbcClient jdbc, SecretCipher cipher, List<SecretUsers> users, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.users = users;
    }

    /** Stores the value; returns true when the secret is new. */
    @Transactional
    public boolean put(Team team, String name, String value) {
        Names.require("name", name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("value", "value is required");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidInputException("value", "value must be at most " + MAX_VALUE_LENGTH + " characters");
        }
        OffsetDateTime now = OffsetDateTime.now();
        String sealed = cipher.encrypt(value);
        int updated = jdbc.sql("update secrets set ciphertext = ?, updated_at = ? where team_id = ? and name = ?")
                .params(sealed, now, team.id(), name)
                .update();
        if (updated > 0) {
            changes.publishEvent(Change.updated(team.id(), "secret", name, null, null));
            return false;
        }
        jdbc.sql("insert into secrets (team_id, name, ciphertext, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(team.id(), name, sealed, now, now)
                .update();
        changes.publishEvent(Change.created(team.id(), "secret", name, null));
        return true;
    }

    public List<SecretInfo> list(Team team) {
        return jdbc.sql("select name, created_at, updated_at from secrets where team_id = ? order by name")
                .param(team.id())
                .query((rs, n) -> new SecretInfo(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    public boolean exists(UUID teamId, String name) {
        return jdbc.sql("select count(*) from secrets where team_id = ? and name = ?")
                .params(teamId, name).query(Long.class).single() > 0;
    }

    @Transactional
    public void delete(Team team, String name) {
        for (SecretUsers kind : users) {
            List<String> using = kind.using(team.id(), name);
            if (!using.isEmpty()) {
                throw new ConflictException("name", "secret " + name + " is used by " + kind.kind() + " "
                        + String.join(", ", using) + "; change or delete the " + kind.kind() + " first");
            }
        }
        if (jdbc.sql("delete from secrets where team_id = ? and name = ?").params(team.id(), name).update() == 0) {
            throw new NotFoundException("secret " + name + " not found");
        }
        changes.publishEvent(Change.deleted(team.id(), "secret", name, null));
    }

    /** Every secret of the team, decrypted: the variables a payload template may reference. */
    public Map<String, String> values(UUID teamId) {
        Map<String, String> values = new HashMap<>();
        jdbc.sql("select name, ciphertext from secrets where team_id = ?")
                .param(teamId)
                .query(rs -> {
                    values.put(rs.getString(1), cipher.decrypt(rs.getString(2)));
                });
        return values;
    }

    public List<String> names(UUID teamId) {
        return jdbc.sql("select name from secrets where team_id = ?").param(teamId).query(String.class).list();
    }

    public record SecretInfo(String name, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }
}
