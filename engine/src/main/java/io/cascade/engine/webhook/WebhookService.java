package io.cascade.engine.webhook;

import io.cascade.engine.automation.AutomationUsers;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import io.cascade.engine.webhook.ssrf.ForbiddenUrlException;
import io.cascade.engine.webhook.ssrf.WebhookUrlValidator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A team's webhooks. URLs are checked against server-side request forgery when saved and when called. */
@Service
public class WebhookService {

    private static final String COLUMNS = "id, team_id, name, url, secret_name, access_token_name, disabled_reason";

    private final JdbcClient jdbc;
    private final AutomationUsers automations;
    private final SecretService secrets;
    private final WebhookUrlValidator urlValidator;
    private final ApplicationEventPublisher changes;

    WebhookService(JdbcClient jdbc, SecretService secrets, WebhookUrlValidator urlValidator,
                   AutomationUsers automations, ApplicationEventPublisher changes) {
        this.automations = automations;
        this.changes = changes;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.urlValidator = urlValidator;
    }

    @Transactional
    public Webhook create(Team team, WebhookRequest request) {
        Names.require("name", request.name());
        if (find(team.id(), request.name()).isPresent()) {
            throw new ConflictException("name", "webhook " + request.name() + " already exists");
        }
        validate(team, request);
        OffsetDateTime now = OffsetDateTime.now();
        Webhook webhook = new Webhook(UUID.randomUUID(), team.id(), request.name(), request.url(), request.secret(),
                request.accessToken(), null);
        jdbc.sql("""
                        insert into webhooks (id, team_id, name, url, secret_name, access_token_name, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(webhook.id(), team.id(), webhook.name(), webhook.url(), webhook.secretName(),
                        webhook.accessTokenName(), now, now)
                .update();
        changes.publishEvent(Change.created(team.id(), "webhook", webhook.name(), webhook));
        return webhook;
    }

    /** Replaces url and secrets; saving a webhook also re-enables it. */
    @Transactional
    public Webhook update(Team team, String name, WebhookRequest request) {
        Webhook existing = require(team.id(), name);
        WebhookRequest replacement = new WebhookRequest(name, request.url(), request.secret(), request.accessToken());
        validate(team, replacement);
        jdbc.sql("""
                        update webhooks set url = ?, secret_name = ?, access_token_name = ?, disabled_reason = null,
                        updated_at = ? where id = ?""")
                .params(replacement.url(), replacement.secret(), replacement.accessToken(), OffsetDateTime.now(),
                        existing.id())
                .update();
        Webhook changed = require(team.id(), name);
        changes.publishEvent(Change.updated(team.id(), "webhook", name, existing, changed));
        return changed;
    }

    @Transactional
    public void delete(Team team, String name) {
        Webhook webhook = require(team.id(), name);
        List<String> users = automations.ofAction(team.id(), WebhookAction.TYPE, name);
        if (!users.isEmpty()) {
            throw new ConflictException("name", "webhook " + name + " is used by automation "
                    + String.join(", ", users) + "; change or delete the automation first");
        }
        jdbc.sql("delete from webhooks where id = ?").param(webhook.id()).update();
        changes.publishEvent(Change.deleted(team.id(), "webhook", name, webhook));
    }

    @Transactional
    public void disable(UUID webhookId, String reason) {
        findById(webhookId).ifPresent(before -> changes.publishEvent(new Change(before.teamId(), "webhook",
                before.name(), "disabled", before, new Webhook(before.id(), before.teamId(), before.name(),
                before.url(), before.secretName(), before.accessTokenName(), reason))));
        jdbc.sql("update webhooks set disabled_reason = ?, updated_at = ? where id = ?")
                .params(reason, OffsetDateTime.now(), webhookId)
                .update();
    }

    public List<Webhook> list(Team team) {
        return jdbc.sql("select " + COLUMNS + " from webhooks where team_id = ? order by name")
                .param(team.id()).query(WebhookService::map).list();
    }

    public Webhook require(UUID teamId, String name) {
        return find(teamId, name).orElseThrow(() -> new NotFoundException("webhook " + name + " not found"));
    }

    public Optional<Webhook> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhooks where id = ?").param(id).query(WebhookService::map).optional();
    }

    /** The webhooks of these ids that exist, in one read; by id. */
    public Map<UUID, Webhook> findAllById(Collection<UUID> ids) {
        Map<UUID, Webhook> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from webhooks where id in (:ids)").param("ids", List.copyOf(ids))
                .query(WebhookService::map).list().forEach(webhook -> found.put(webhook.id(), webhook));
        return found;
    }

    Optional<Webhook> find(UUID teamId, String name) {
        return jdbc.sql("select " + COLUMNS + " from webhooks where team_id = ? and name = ?")
                .params(teamId, name).query(WebhookService::map).optional();
    }

    private void validate(Team team, WebhookRequest request) {
        if (request.url() == null || request.url().isBlank()) {
            throw new InvalidInputException("url", "url is required");
        }
        if (request.url().length() > 2048) {
            throw new InvalidInputException("url", "url must be at most 2048 characters");
        }
        try {
            urlValidator.validate(request.url());
        } catch (ForbiddenUrlException e) {
            throw new InvalidInputException("url", e.getMessage());
        }
        requireSecret(team, "secret", request.secret());
        requireSecret(team, "accessToken", request.accessToken());
    }

    private void requireSecret(Team team, String field, String secretName) {
        if (secretName != null && !secrets.exists(team.id(), Names.check(field, secretName))) {
            throw new InvalidInputException(field, "team secret " + secretName + " does not exist");
        }
    }

    private static Webhook map(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
