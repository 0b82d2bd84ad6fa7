package io.cascade.engine.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cascade.engine.automation.AutomationChangeGate;
import io.cascade.engine.camunda.SharedCommand;
import io.cascade.engine.common.Caller;
import io.cascade.engine.event.Artifact;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

class EventBatchesTest {

    private final EventService events = mock(EventService.class);
    private final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
    private final SharedCommand shared = mock(SharedCommand.class);
    private final EventBatches batches = new EventBatches(events, mock(TeamAccess.class), mock(ProjectService.class),
            mock(AutomationChangeGate.class), transactions, mock(EventInbox.class), shared);

    /** Camunda writes a shared command's runs when it ends: a run started in a rolled-back savepoint would outlive it. */
    @Test
    void anEventWithASavepointOfItsOwnIsNotAcceptedInsideASharedCommand() {
        when(shared.isActive()).thenReturn(true);
        Team team = new Team(UUID.randomUUID(), "acme");

        assertThatThrownBy(() -> batches.accept(new Caller("alice", false), team,
                new Project(UUID.randomUUID(), team.id(), "vision"), event(), OffsetDateTime.now(), new HashSet<>()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared Camunda command");
        verify(transactions, never()).getTransaction(any());
        verify(events, never()).accept(any(), any(), any(), any(), any(), any());
    }

    private static ArtifactEvent event() {
        return new ArtifactEvent("e-1", EventType.CREATE_ARTIFACT, "acme", "vision", "alice", "models",
                new Artifact("a-1", "v3", "model", Map.of()), null);
    }
}
