package io.cascade.engine.camunda;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;

/**
 * Camunda's entity manager with its id check made cheap for valid ids.
 *
 * <p>Before caching a row to insert, Camunda checks its id with the message
 * {@code "Entity " + row + " has an invalid id"}, so every insert pays for the row's
 * {@code toString} (an execution's lists every field) whether or not the id is valid: 5% of the
 * CPU of a loaded node. Here the id is checked first; an invalid one (null, or the reserved
 * {@code *}) goes to Camunda's own check, so it fails with Camunda's own exception and message.
 */
final class CheapIdCheck extends DbEntityManagerFactory {

    CheapIdCheck() {
        super(null);
    }

    @Override
    public DbEntityManager openSession() {
        PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
        return new EntityManager(persistence);
    }

    private static final class EntityManager extends DbEntityManager {

        EntityManager(PersistenceSession persistence) {
            super(Context.getProcessEngineConfiguration().getIdGenerator(), persistence);
        }

        @Override
        protected void validateId(DbEntity row) {
            String id = row.getId();
            if (id == null || Authorization.ANY.equals(id)) {
                super.validateId(row);
            }
        }
    }
}
