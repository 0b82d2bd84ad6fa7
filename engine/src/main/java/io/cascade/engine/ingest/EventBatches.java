package io.cascade.engine.ingest;

import io.cascade.engine.automation.AutomationChangeGate;
import io.cascade.engine.camunda.SharedCommand;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many events in one transaction (a backfill): each is authorized, idempotent and started exactly
 * as {@link EventService#submit} does it, inside a savepoint of its own, so a refused event leaves
 * nothing behind and the others go on. The whole batch commits once, before the answer; what it
 * saves over single requests is the commit, the authentication and the team, project and gate
 * look-ups, each done once per batch instead of once per event.
 */
@Service
public class EventBatches {

    public static final int MAX_EVENTS = 1_000;

    private final EventService events;
    private final TeamAccess access;
    private final ProjectService projects;
    private final AutomationChangeGate gate;
    private final TransactionTemplate savepoint;
    private final EventInbox inbox;
    private final SharedCommand shared;

    EventBatches(EventService events, TeamAccess access, ProjectService projects, AutomationChangeGate gate,
                 PlatformTransactionManager transactions, EventInbox inbox, SharedCommand shared) {
        this.events = events;
        this.shared = shared;
        this.inbox = inbox;
        this.access = access;
        this.projects = projects;
        this.gate = gate;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** One outcome per event, in order. */
    @Transactional
    public List<Outcome> submit(Caller caller, List<ArtifactEvent> batch) {
        if (batch.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events per batch");
        }
        Scope scope = new Scope(caller);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (ArtifactEvent event : batch) {
            outcomes.add(submit(scope, event));
        }
        return outcomes;
    }

    /**
     * The batch into the inbox ({@code Prefer: respond-async}): each event authorized and keyed as
     * {@link #submit} does it, committed before the answer, matched later by the {@link InboxWorker}.
     */
    @Transactional
    public List<Outcome> enqueue(Caller caller, List<ArtifactEvent> batch) {
        if (batch.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events per batch");
        }
        Scope scope = new Scope(caller);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (ArtifactEvent event : batch) {
            try {
                ArtifactEvent keyed = event.withId(EventService.key(event.id(), null));
                Team team = scope.team(event.entity());
                Project project = scope.project(team, event.project());
                EventInbox.Queued queued = inbox.enqueue(caller, team, project, keyed);
                inbox.announce(queued);
                outcomes.add(Outcome.queued(queued));
            } catch (ProblemException refused) {
                outcomes.add(Outcome.refused(refused));
            }
        }
        return outcomes;
    }

    private Outcome submit(Scope scope, ArtifactEvent event) {
        ArtifactEvent keyed;
        Team team;
        Project project;
        try {
            keyed = event.withId(EventService.key(event.id(), null));
            team = scope.team(event.entity());
            project = scope.project(team, event.project());
        } catch (ProblemException refused) {
            return Outcome.refused(refused);
        }
        return accept(scope.caller, team, project, keyed, OffsetDateTime.now(), scope.gated);
    }

    /**
     * One event, accepted at {@code acceptedAt}, in a savepoint of its own, in the caller's
     * transaction; {@code gated} holds the projects whose AutomationChangeGate the transaction holds
     * already, and gains this one's. Not inside a {@link SharedCommand}: Camunda writes the runs it
     * starts there only when the command ends, so a run started in a savepoint rolled back here would
     * outlive it ({@link #acceptTogether} is for that).
     */
    Outcome accept(Caller caller, Team team, Project project, ArtifactEvent keyed, OffsetDateTime acceptedAt,
                   Set<UUID> gated) {
        if (shared.isActive()) {
            throw new IllegalStateException("an event with a savepoint of its own cannot be accepted inside a "
                    + "shared Camunda command");
        }
        Set<UUID> gatedHere = new HashSet<>();
        try {
            Submission submission = savepoint.execute(status -> events.accept(caller, team, project, keyed, acceptedAt, () -> {
                if (!gated.contains(project.id())) {
                    gate.eventStarts(project.id());
                    gatedHere.add(project.id());
                }
            }));
            gated.addAll(gatedHere); // a rolled-back savepoint gives its locks back
            return Outcome.of(submission);
        } catch (ProblemException refused) {
            return Outcome.refused(refused);
        } catch (DuplicateKeyException raced) {
            // the same id was accepted concurrently and has committed: this replays it
            try {
                return Outcome.of(savepoint.execute(status -> events.accept(caller, team, project, keyed,
                        acceptedAt, () -> gate.eventStarts(project.id()))));
            } catch (DuplicateKeyException | PessimisticLockingFailureException again) {
                return Outcome.refused(beingAccepted());
            }
        } catch (PessimisticLockingFailureException deadlocked) {
            // another batch holds this id and waits for one this batch holds: one of the two gives way
            return Outcome.refused(beingAccepted());
        }
    }

    /**
     * One event of an inbox batch, in the batch's transaction with no savepoint of its own (two round
     * trips per event saved): whatever refuses or fails it throws and fails the whole batch, which
     * the inbox then takes again one event per transaction through {@link #accept}. {@code gated}
     * holds the projects whose AutomationChangeGate the transaction holds, until it ends.
     */
    Submission acceptTogether(Caller caller, Team team, Project project, ArtifactEvent keyed, OffsetDateTime acceptedAt,
                              Set<UUID> gated) {
        return events.accept(caller, team, project, keyed, acceptedAt, () -> {
            if (gated.add(project.id())) {
                gate.eventStarts(project.id());
            }
        });
    }

    private static ConflictException beingAccepted() {
        return new ConflictException("id", "an event with this id is being accepted by another request at the same "
                + "time; send it again");
    }

    /** What one event of the batch became: accepted (or replayed), queued, or refused with the problem. */
    public record Outcome(Submission submission, EventInbox.Queued queued, ProblemException refusal) {

        public Outcome {
            int given = (submission == null ? 0 : 1) + (queued == null ? 0 : 1) + (refusal == null ? 0 : 1);
            if (given != 1) {
                throw new IllegalArgumentException("an outcome is one of a submission, a queued event or a refusal");
            }
        }

        static Outcome of(Submission submission) {
            return new Outcome(submission, null, null);
        }

        static Outcome queued(EventInbox.Queued queued) {
            return new Outcome(null, queued, null);
        }

        static Outcome refused(ProblemException refusal) {
            return new Outcome(null, null, refusal);
        }
    }

    /** The batch's look-ups, each done once: the caller's teams and projects, and the gates already taken. */
    private final class Scope {

        private final Caller caller;
        private final Map<String, Object> teams = new HashMap<>();
        private final Map<String, Object> projectsByName = new HashMap<>();
        private final Set<UUID> gated = new HashSet<>();

        Scope(Caller caller) {
            this.caller = caller;
        }

        Team team(String name) {
            return remembered(teams, name, () -> access.require(caller, name, TeamRole.MEMBER));
        }

        Project project(Team team, String name) {
            return remembered(projectsByName, team.id() + "/" + name, () -> projects.require(team, name));
        }

        /** A refusal is remembered too: the same team or project is refused again without asking. */
        @SuppressWarnings("unchecked")
        private <T> T remembered(Map<String, Object> known, String key, Supplier<T> lookup) {
            Object value = known.get(key);
            if (value == null) {
                try {
                    value = lookup.get();
                } catch (ProblemException refused) {
                    value = refused;
                }
                known.put(key, value);
            }
            if (value instanceof ProblemException refused) {
                throw refused;
            }
            return (T) value;
        }
    }
}
