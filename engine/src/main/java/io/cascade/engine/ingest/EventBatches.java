package io.cascade.engine.ingest;

import io.cascade.engine.automation.AutomationChangeGate;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.ConflictException;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
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

    EventBatches(EventService events, TeamAccess access, ProjectService projects,
                 AutomationChangeGate gate, PlatformTransactionManager transactions) {
        this.events = events;
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
        Set<UUID> gatedHere = new HashSet<>();
        try {
            Submission submission = savepoint.execute(status -> events.accept(scope.caller, team, project, keyed, () -> {
                if (!scope.gated.contains(project.id())) {
                    gate.eventStarts(project.id());
                    gatedHere.add(project.id());
                }
            }));
            scope.gated.addAll(gatedHere); // a rolled-back savepoint gives its locks back
            return Outcome.of(submission);
        } catch (ProblemException refused) {
            return Outcome.refused(refused);
        } catch (DuplicateKeyException raced) {
            // the same id was accepted concurrently and has committed: this replays it
            try {
                return Outcome.of(savepoint.execute(status -> events.accept(scope.caller, team, project, keyed,
                        () -> gate.eventStarts(project.id()))));
            } catch (DuplicateKeyException | PessimisticLockingFailureException again) {
                return Outcome.refused(beingAccepted());
            }
        } catch (PessimisticLockingFailureException deadlocked) {
            // another batch holds this id and waits for one this batch holds: one of the two gives way
            return Outcome.refused(beingAccepted());
        }
    }

    private static ConflictException beingAccepted() {
        return new ConflictException("id", "an event with this id is being accepted by another request at the same "
                + "time; send it again");
    }

    /** What one event of the batch became: accepted (or replayed), or refused with the problem. */
    public record Outcome(Submission submission, ProblemException refusal) {

        public Outcome {
            if ((submission == null) == (refusal == null)) {
                throw new IllegalArgumentException("an outcome is either a submission or a refusal");
            }
        }

        static Outcome of(Submission submission) {
            return new Outcome(submission, null);
        }

        static Outcome refused(ProblemException refusal) {
            return new Outcome(null, refusal);
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
