package io.cascade.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade.api.ApiIntegrationTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's check of the ids of rows it inserts: a valid id costs no description of the row, an
 * invalid one still fails with Camunda's own exception and message.
 */
class EntityIdCheckIntegrationTest extends ApiIntegrationTest {

    @Autowired
    private ProcessEngineConfigurationImpl engine;

    EntityIdCheckIntegrationTest() throws Exception {
    }

    @Test
    void aRowWithAValidIdIsCachedForInsertWithoutDescribingIt() {
        DescribedRow row = new DescribedRow();

        assertThatThrownBy(() -> insertAndAbandon(row)).isInstanceOf(Abandoned.class);

        assertThat(row.getId()).isNotBlank();
        assertThat(row.descriptions.get()).isZero();
    }

    @Test
    void aRowWithTheReservedIdFailsAsCamundaFailsIt() {
        DescribedRow row = new DescribedRow();
        row.setId("*");

        assertThatThrownBy(() -> insertAndAbandon(row))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity described row has an invalid id")
                .hasMessageContaining("is a reserved identifier");
    }

    /** Inserts the row into the command's cache, then fails the command, so nothing is flushed. */
    private void insertAndAbandon(DescribedRow row) {
        engine.getCommandExecutorTxRequired().execute((Command<Void>) context -> {
            context.getDbEntityManager().insert(row);
            throw new Abandoned();
        });
    }

    private static final class DescribedRow extends ByteArrayEntity {
        final AtomicInteger descriptions = new AtomicInteger();

        @Override
        public String toString() {
            descriptions.incrementAndGet();
            return "described row";
        }
    }

    private static final class Abandoned extends RuntimeException {
    }
}
