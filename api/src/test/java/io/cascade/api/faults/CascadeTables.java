package io.cascade.api.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Cascade's own tables ({@code events}, {@code executions}, {@code execution_attempts}), read with
 * SQL: what the server recorded, whatever runs its deliveries. An attempt with no duration is one
 * whose answer was never recorded (outcome UNKNOWN).
 */
final class CascadeTables {

    record Execution(UUID id, UUID eventId, UUID automationId, String status, long createdMillis) {
    }

    private final LocalPostgres postgres;
    private final String database;

    CascadeTables(LocalPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    Optional<UUID> team(String name) throws SQLException {
        List<UUID> ids = query("select id from teams where name = ?", rs -> rs.getObject(1, UUID.class), name);
        return ids.stream().findFirst();
    }

    Set<String> eventKeys(UUID team) throws SQLException {
        return new HashSet<>(query("select event_key from events where team_id = ?", rs -> rs.getString(1), team));
    }

    List<Execution> executions(UUID team) throws SQLException {
        return query("select id, event_id, automation_id, status, created_at from executions where team_id = ?",
                rs -> new Execution(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getTimestamp(5).getTime()), team);
    }

    Map<UUID, List<HistoryCheck.Attempt>> attempts(UUID team) throws SQLException {
        Map<UUID, List<HistoryCheck.Attempt>> byExecution = new HashMap<>();
        query("""
                select a.execution_id, a.number, a.response_status, a.duration_ms is null
                from execution_attempts a join executions e on e.id = a.execution_id
                where e.team_id = ? order by a.execution_id, a.number""", rs -> {
                    byExecution.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new HistoryCheck.Attempt(rs.getInt(2), (Integer) rs.getObject(3), rs.getBoolean(4)));
                    return null;
                }, team);
        return byExecution;
    }

    /** {events, executions, executions not yet FINISHED or FAILED}. */
    int[] progress(UUID team) throws SQLException {
        return query("""
                select (select count(*) from events where team_id = ?),
                       count(*), count(*) filter (where status not in ('FINISHED', 'FAILED'))
                from executions where team_id = ?""",
                rs -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, team, team).get(0);
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
        try (Connection c = postgres.connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }
}
