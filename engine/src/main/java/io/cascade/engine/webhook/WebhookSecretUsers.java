package io.cascade.engine.webhook;

import io.cascade.engine.secret.SecretUsers;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Webhooks name a secret to sign with and one to send as the access token. */
@Component
class WebhookSecretUsers implements SecretUsers {

    private final JdbcClient jdbc;

    WebhookSecretUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public List<String> using(UUID teamId, String secretName) {
        return jdbc.sql("""
                        select name from webhooks where team_id = :team
                        and (secret_name = :name or access_token_name = :name) order by name""")
                .param("team", teamId).param("name", secretName)
                .query(String.class).list();
    }
}
