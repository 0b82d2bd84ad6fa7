package io.cascade.api.execution;

import io.cascade.engine.execution.OverviewBackfill;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes history rows as the engine would leave them, with the times and outcomes a test needs:
 * a known dataset for the lists and the overview without waiting for real deliveries. Rows written
 * this way, past the engine, enter the overview's rollup as the migration's backfill puts them there.
 */
final class HistoryRows {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final UUID teamId;

    HistoryRows(DataSource dataSource, String team) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.teamId = jdbc.sql("select id from teams where name = ?").param(team).query(UUID.class).single();
    }

    UUID project(String name) {
        return jdbc.sql("select id from projects where team_id = ? and name = ?").params(teamId, name)
                .query(UUID.class).single();
    }

    /** A row of history; {@code latencyMs} is set for finished webhook deliveries, null otherwise. */
    record Row(String project, UUID automationId, String automation, String actionType, String actionName,
               String status, String eventType, String collection, String author, String version, String alias,
               OffsetDateTime createdAt, Integer responseStatus, Long latencyMs) {
    }

    UUID insert(Row row) {
        UUID projectId = project(row.project());
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                        insert into events (id, team_id, project_id, event_key, event_type, author, collection, alias,
                        artifact_id, artifact_version, artifact_type, metadata, response, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'QXJ0aWZhY3Q6MQ==', ?, 'dataset', '{}', '{}', ?)""")
                .params(eventId, teamId, projectId, eventId.toString(), row.eventType(), row.author(), row.collection(),
                        row.alias(), row.version(), row.createdAt())
                .update();
        UUID id = UUID.randomUUID();
        String action = "GENERIC_WEBHOOK".equals(row.actionType())
                ? "{\"type\":\"GENERIC_WEBHOOK\",\"webhook\":\"" + row.actionName()
                + "\",\"url\":\"https://hooks.example.com/services/T1/B2\",\"payloadTemplate\":\"{}\"}"
                : "{\"type\":\"QUEUE_JOB\",\"job\":\"" + row.actionName() + "\",\"jobVersion\":\"v1\",\"queue\":\"gpu\"}";
        jdbc.sql("""
                        insert into executions (id, team_id, project_id, event_id, automation_id, automation_name,
                        action_type, action, status, attempts, last_error, created_at, updated_at, event_type, collection,
                        author, action_name, last_response_status, delivered_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, teamId, projectId, eventId, row.automationId(), row.automation(), row.actionType(), action,
                        row.status(), row.responseStatus() == null ? 0 : 1,
                        "FAILED".equals(row.status()) ? "receiver answered " + row.responseStatus() : null,
                        row.createdAt(), row.createdAt(), row.eventType(), row.collection(), row.author(),
                        row.actionName(), row.responseStatus(),
                        row.latencyMs() == null ? null : row.createdAt().plusNanos(row.latencyMs() * 1_000_000))
                .update();
        rollUp();
        return id;
    }

    /** The team's overview rollup, computed again from its executions. */
    private void rollUp() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OverviewBackfill.rebuild(connection, teamId);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void disabledWebhook(String name, String reason, OffsetDateTime since) {
        jdbc.sql("""
                        insert into webhooks (id, team_id, name, url, disabled_reason, created_at, updated_at)
                        values (?, ?, ?, 'https://gone.example.com/', ?, ?, ?)""")
                .params(UUID.randomUUID(), teamId, name, reason, since, since)
                .update();
    }

    static OffsetDateTime minutesAgo(long minutes) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes).withNano(0);
    }
}
