package io.cascade.engine.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The webhooks of a team that Cascade stopped calling (e.g. the receiver answered 410 Gone). */
@Component
public class DisabledWebhooks {

    private final JdbcClient jdbc;

    DisabledWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Most recently disabled first, at most 100 (teams have few webhooks); {@code since} is when the webhook was last changed, i.e. disabled. */
    public List<Disabled> of(UUID teamId) {
        return jdbc.sql("""
                        select name, disabled_reason, updated_at from webhooks
                        where team_id = ? and disabled_reason is not null order by updated_at desc, name fetch first 100 rows only""")
                .param(teamId)
                .query((rs, n) -> new Disabled(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
    }

    public record Disabled(String name, String reason, OffsetDateTime since) {
    }
}
