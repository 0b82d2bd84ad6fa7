package io.cascade.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Change;
import io.cascade.engine.common.CurrentCaller;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes every {@link Change} to the audit log. It runs in the publisher's thread and transaction,
 * so a change and its record commit together.
 */
@Component
class AuditRecorder {

    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ObjectProvider<CurrentCaller> currentCaller;

    AuditRecorder(JdbcClient jdbc, ObjectMapper json, ObjectProvider<CurrentCaller> currentCaller) {
        this.jdbc = jdbc;
        this.json = json;
        this.currentCaller = currentCaller;
    }

    @EventListener
    void record(Change change) {
        Optional<Caller> caller = Optional.ofNullable(currentCaller.getIfAvailable()).flatMap(CurrentCaller::get);
        jdbc.sql("""
                        insert into audit_log (id, team_id, at, actor, actor_token, resource_type, resource_id, action,
                                               before_state, after_state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), change.teamId(), OffsetDateTime.now(),
                        caller.map(Caller::username).orElse(SYSTEM),
                        caller.map(Caller::token).map(Caller.Token::id).orElse(null),
                        change.resourceType(), change.resourceId(), change.action(),
                        write(change.before()), write(change.after()))
                .update();
    }

    private String write(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record " + state.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
