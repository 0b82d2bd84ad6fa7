package io.cascade.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.engine.action.ActionTypes;
import io.cascade.engine.automation.Automation;
import io.cascade.engine.automation.AutomationChangeGate;
import io.cascade.engine.automation.AutomationFacts;
import io.cascade.engine.automation.AutomationService;
import io.cascade.engine.common.BatchReads;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.Ids;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.Names;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventLog;
import io.cascade.engine.execution.ExecutionRef;
import io.cascade.engine.metrics.CascadeMetrics;
import io.cascade.engine.project.Project;
import io.cascade.engine.project.ProjectService;
import io.cascade.engine.secret.SecretService;
import io.cascade.engine.team.Team;
import io.cascade.engine.team.TeamAccess;
import io.cascade.engine.team.TeamRole;
import io.cascade.engine.trigger.ArtifactEventFact;
import io.cascade.engine.trigger.AutomationFact;
import io.cascade.engine.trigger.MatchResult;
import io.cascade.engine.trigger.TriggerMatch;
import io.cascade.engine.trigger.TriggerMatcher;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes an artifact event: persists it, asks the matcher which automations fire, and starts one
 * execution for each, all in one transaction. A repeated id replays the first answer.
 */
@Service
public class EventService {

    private final TeamAccess access;
    private final ProjectService projects;
    private final EventLog events;
    private final TriggerMatcher matcher;
    private final AutomationService automations;
    private final ExecutionStarter executions;
    private final ActionTypes actions;
    private final SecretService secrets;
    private final ObjectMapper json;
    private final AutomationChangeGate gate;
    private final CascadeMetrics metrics;
    private final BatchReads reads;

    EventService(TeamAccess access, ProjectService projects, EventLog events, TriggerMatcher matcher,
                 AutomationService automations, ExecutionStarter executions, ActionTypes actions,
                 SecretService secrets, ObjectMapper json, AutomationChangeGate gate, CascadeMetrics metrics,
                 BatchReads reads) {
        this.reads = reads;
        this.gate = gate;
        this.metrics = metrics;
        this.access = access;
        this.projects = projects;
        this.events = events;
        this.matcher = matcher;
        this.automations = automations;
        this.executions = executions;
        this.actions = actions;
        this.secrets = secrets;
        this.json = json;
    }

    @Transactional
    public Submission submit(Caller caller, ArtifactEvent event, String idempotencyKey) {
        TeamAccess.WithProject place = access.requireWithProject(caller, event.entity(), event.project(),
                TeamRole.MEMBER);
        Team team = place.team();
        Project project = ProjectService.known(team, event.project(), place.projectId());
        ArtifactEvent keyed = event.withId(key(event.id(), idempotencyKey));
        return accept(caller, team, project, keyed, OffsetDateTime.now(), () -> gate.eventStarts(project.id()));
    }

    /**
     * The event in the caller's transaction, its team and project authorized: a replay of the first
     * answer for a known id, else the event row and one execution per live match, stamped
     * {@code acceptedAt}. {@code gateIfFiring} takes the project's AutomationChangeGate; it runs only
     * when something fires.
     */
    Submission accept(Caller caller, Team team, Project project, ArtifactEvent keyed, OffsetDateTime acceptedAt,
                      Runnable gateIfFiring) {
        Optional<String> earlier = events.findResponse(team.id(), keyed.id());
        if (earlier.isPresent()) {
            return new Submission(read(earlier.get()), true);
        }
        List<TriggerMatch> fired = match(team, project, keyed).fired();
        if (!fired.isEmpty()) {
            gateIfFiring.run(); // a change of these automations now waits for this transaction
        }
        List<Automation> starting = new ArrayList<>();
        for (TriggerMatch match : fired) {
            live(team, project, keyed, match).ifPresent(starting::add);
        }
        UUID eventId = Ids.timeOrdered();
        List<ExecutionRef> started = new ArrayList<>();
        for (Automation automation : starting) {
            started.add(new ExecutionRef(Ids.timeOrdered(), automation.name(), automation.id()));
        }
        SubmittedEvent answer = new SubmittedEvent(keyed.id(), started);
        // written once, with its answer: the runs' ids are chosen before they start
        events.insert(eventId, team.id(), project.id(), keyed, caller.username(), write(answer), acceptedAt);
        List<String> startedTypes = new ArrayList<>();
        for (int i = 0; i < starting.size(); i++) {
            Automation automation = starting.get(i);
            executions.start(started.get(i).id(), team, project, eventId, keyed, automation, acceptedAt);
            startedTypes.add(automation.action().typeName());
        }
        countAfterCommit(keyed, fired.size(), startedTypes);
        return new Submission(answer, false);
    }

    /** Counted only once the event is in: a refused or rolled-back event is counted by the API as refused. */
    private void countAfterCommit(ArtifactEvent event, int matches, List<String> startedTypes) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.eventAccepted(event.type().name());
                metrics.matched(matches);
                startedTypes.forEach(metrics::executionStarted);
            }
        });
    }

    /** What the event would fire, and what each would send, without starting or writing anything. */
    @Transactional(readOnly = true)
    public DryRun dryRun(Caller caller, ArtifactEvent event) {
        Team team = access.require(caller, event.entity(), TeamRole.MEMBER);
        Project project = projects.require(team, event.project());
        MatchResult result = match(team, project, event);
        List<String> secretNames = secrets.names(team.id());
        List<DryRun.WouldFire> wouldFire = new ArrayList<>();
        for (TriggerMatch match : result.fired()) {
            live(team, project, event, match)
                    .ifPresent(a -> wouldFire.add(firing(team, match, a, event, secretNames)));
        }
        List<DryRun.Vetoed> vetoed = result.vetoed().stream()
                .map(v -> new DryRun.Vetoed(v.match().automationId(), v.match().automationName(), v.match().rule(),
                        v.reason()))
                .toList();
        return new DryRun(wouldFire, vetoed);
    }

    private MatchResult match(Team team, Project project, ArtifactEvent event) {
        return matcher.match(fact(team, project, event));
    }

    private static ArtifactEventFact fact(Team team, Project project, ArtifactEvent event) {
        return new ArtifactEventFact(team.id(), project.id(), event.type(), event.collection(), event.alias(),
                event.author());
    }

    /**
     * The matched automation as the database holds it now: a match from a node whose matcher has
     * not yet seen another node's delete or disable starts nothing. A real event reads it behind
     * the project's AutomationChangeGate, so a delete answers only after its executions are in.
     */
    private Optional<Automation> live(Team team, Project project, ArtifactEvent event, TriggerMatch match) {
        // in an inbox batch, read once: the batch holds the project's gate from its first read to its commit
        Optional<Automation> now = reads.once("automation", List.of(project.id(), match.automationId()),
                () -> automations.find(project, match.automationId()));
        return now
                .filter(Automation::enabled)
                .filter(a -> a.revision() == match.revision() || stillFires(team, project, event, a));
    }

    /**
     * The automation changed after this node's matcher saw it (another node's change, or this
     * node's a moment before its matcher heard): the event fires it only if it fires the
     * automation as it is now, e.g. not after its collection changed to another.
     */
    private boolean stillFires(Team team, Project project, ArtifactEvent event, Automation automation) {
        AutomationFact now;
        try {
            now = AutomationFacts.of(automation);
        } catch (IllegalArgumentException unmatchable) {
            return false;
        }
        return matcher.fires(now, fact(team, project, event));
    }

    /** The payload a real event would send, or, when its run would be refused, why nothing would be sent. */
    private DryRun.WouldFire firing(Team team, TriggerMatch match, Automation automation, ArtifactEvent event,
                                   List<String> secretNames) {
        Optional<String> refusal = actions.refusal(team, automation.action());
        String payload = refusal.isPresent() ? null : actions.preview(team, automation.action(), event, secretNames);
        return new DryRun.WouldFire(automation.id(), automation.name(), match.rule(), automation.action().typeName(),
                automation.action().actionName(), payload, refusal.isEmpty(), refusal.orElse(null));
    }

    static String key(String bodyId, String headerKey) {
        Names.check("Idempotency-Key", headerKey);
        if (bodyId != null && headerKey != null && !bodyId.equals(headerKey)) {
            throw new InvalidInputException("id", "id and the Idempotency-Key header differ; send one of them");
        }
        if (bodyId != null) {
            return bodyId;
        }
        return headerKey != null ? headerKey : UUID.randomUUID().toString();
    }

    private String write(SubmittedEvent answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer as {@link EventLog} stores it, read back (a replay, or an event's status). */
    SubmittedEvent read(String stored) {
        try {
            return json.readValue(stored, SubmittedEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored answer", e);
        }
    }
}
