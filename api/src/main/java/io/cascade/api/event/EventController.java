package io.cascade.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.metrics.EventRefusalCounter;
import io.cascade.api.problem.Problems;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.ingest.DryRun;
import io.cascade.engine.ingest.EventBatches;
import io.cascade.engine.ingest.EventInbox;
import io.cascade.engine.ingest.EventService;
import io.cascade.engine.ingest.Submission;
import io.cascade.engine.ingest.SubmittedEvent;
import io.cascade.engine.metrics.CascadeMetrics;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/** Artifact events from REST clients: 202 when accepted, 200 when the id was seen before. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private static final String PREFERENCE_APPLIED = "Preference-Applied";
    private static final String RESPOND_ASYNC = "respond-async";

    private final EventService events;
    private final EventBatches batches;
    private final EventInbox inbox;
    private final ObjectMapper json;
    private final CascadeMetrics metrics;

    EventController(EventService events, EventBatches batches, EventInbox inbox, ObjectMapper json,
                    CascadeMetrics metrics) {
        this.metrics = metrics;
        this.events = events;
        this.inbox = inbox;
        this.batches = batches;
        this.json = json;
    }

    @Operation(summary = "Submit an artifact event (MEMBER of its team)",
            description = "Matched, and its executions started, before the answer: 202 with the executions, or 200 "
                    + "with the first answer when the id was accepted before. With `Prefer: respond-async` the event "
                    + "is committed to the inbox and answered at once (202, `Preference-Applied: respond-async`, no "
                    + "executions yet, `Location` where GET shows them once it is matched, usually within "
                    + "milliseconds); an id accepted before answers 200 as without it.")
    @PostMapping
    ResponseEntity<SubmittedEvent> submit(Caller caller, @RequestBody ArtifactEvent event,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                          @RequestHeader(name = "Prefer", required = false) String prefer) {
        if (respondAsync(prefer)) {
            EventInbox.Queued queued = inbox.enqueue(caller, event, key);
            return ResponseEntity.status(queued.replay() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .header(PREFERENCE_APPLIED, RESPOND_ASYNC)
                    .location(statusLocation(event.entity(), queued.id()))
                    .body(new SubmittedEvent(queued.id(), queued.executions()));
        }
        Submission submission;
        try {
            submission = events.submit(caller, event, key);
        } catch (DuplicateKeyException raced) {
            // The same id was accepted concurrently; its transaction has committed, so this replays it.
            submission = events.submit(caller, event, key);
        }
        return ResponseEntity.status(submission.replay() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(submission.event());
    }

    /**
     * Up to 1,000 events in one transaction, committed before the answer: one result per event, in
     * order, each accepted, already accepted or refused on its own (a refused event leaves nothing).
     */
    @Operation(summary = "Submit up to 1,000 events at once, e.g. a backfill (MEMBER of each event's team)",
            description = "Each event is taken as POST /api/v1/events takes it (authorization, idempotency by id, "
                    + "the executions it starts) and answered in `results` with the status that endpoint would "
                    + "give: 202 accepted, 200 already accepted, or a refusal with its problem detail, whose "
                    + "`field` names the event (`events[3].collection`). A refused event leaves nothing behind "
                    + "and the others go on. The batch is committed before the answer. A body over "
                    + "cascade.api.max-batch-body-bytes answers 413; more than 1,000 events, 400.")
    @PostMapping("/batch")
    ResponseEntity<EventBatchAnswer> submitBatch(Caller caller, @RequestBody EventBatchRequest batch,
                                                 @RequestHeader(name = "Prefer", required = false) String prefer) {
        boolean async = respondAsync(prefer);
        List<JsonNode> events = batch.events();
        if (events == null || events.isEmpty() || events.size() > EventBatches.MAX_EVENTS) {
            throw new InvalidInputException("events", "events must list 1 to " + EventBatches.MAX_EVENTS
                    + " events" + (events == null ? "" : ", not " + events.size()) + "; send more in further batches");
        }
        Map<Integer, ProblemDetail> unreadable = new HashMap<>();
        List<ArtifactEvent> readable = new ArrayList<>();
        List<Integer> readableIndexes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                readable.add(read(events.get(i)));
                readableIndexes.add(i);
            } catch (ProblemException e) {
                unreadable.put(i, Problems.of(e));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                unreadable.put(i, Problems.ofUnreadable(e instanceof IllegalArgumentException ? e.getCause() : e));
            }
        }
        List<EventBatches.Outcome> outcomes = readable.isEmpty() ? List.of()
                : async ? batches.enqueue(caller, readable) : batches.submit(caller, readable);
        EventBatchAnswer.Result[] results = new EventBatchAnswer.Result[events.size()];
        unreadable.forEach((i, problem) -> results[i] = EventBatchAnswer.Result.refused(i, naming(i, problem)));
        for (int n = 0; n < outcomes.size(); n++) {
            int i = readableIndexes.get(n);
            EventBatches.Outcome outcome = outcomes.get(n);
            results[i] = outcome.refusal() != null
                    ? EventBatchAnswer.Result.refused(i, naming(i, Problems.of(outcome.refusal())))
                    : outcome.queued() != null ? queued(i, outcome.queued())
                    : EventBatchAnswer.Result.accepted(i, outcome.submission().event().id(),
                            outcome.submission().event().executions(), outcome.submission().replay());
        }
        for (EventBatchAnswer.Result result : results) {
            if (result.outcome() == EventBatchAnswer.Outcome.REFUSED) {
                metrics.eventRefused(EventRefusalCounter.reason(result.status()));
            }
        }
        EventBatchAnswer answer = EventBatchAnswer.of(List.of(results));
        return async ? ResponseEntity.ok().header(PREFERENCE_APPLIED, RESPOND_ASYNC).body(answer)
                : ResponseEntity.ok(answer);
    }

    private static EventBatchAnswer.Result queued(int index, EventInbox.Queued queued) {
        return queued.replay() ? EventBatchAnswer.Result.accepted(index, queued.id(), queued.executions(), true)
                : EventBatchAnswer.Result.queued(index, queued.id());
    }

    @Operation(summary = "Where an event is (VIEWER of its team)",
            description = "QUEUED while it waits in the inbox (accepted with `Prefer: respond-async`; `lastError` and "
                    + "`nextAttemptAt` when matching it failed and will be tried again), ACCEPTED once matched, with "
                    + "the executions it started. `entity` is the event's team. An id the team does not have is 404.")
    @GetMapping("/{id}")
    EventInbox.EventStatus status(Caller caller, @PathVariable String id, @RequestParam(required = false) String entity) {
        if (entity == null || entity.isBlank()) {
            throw new InvalidInputException("entity", "entity (the event's team) is required");
        }
        return inbox.status(caller, entity, id);
    }

    /** RFC 7240: the client prefers an answer before the work is done. */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].strip();
            if (token.equalsIgnoreCase(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }

    private static URI statusLocation(String team, String id) {
        return URI.create("/api/v1/events/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)
                + "?entity=" + UriUtils.encodeQueryParam(team, StandardCharsets.UTF_8));
    }

    private ArtifactEvent read(JsonNode event) throws JsonProcessingException {
        if (event == null || !event.isObject()) {
            throw new InvalidInputException(null, "each of events must be an event object");
        }
        return json.treeToValue(event, ArtifactEvent.class);
    }

    /** The problem's field, or the event itself, as a path into the batch: events[3].collection. */
    private static ProblemDetail naming(int index, ProblemDetail problem) {
        Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
        String prefix = "events[" + index + "]";
        problem.setProperty("field", field == null || "body".equals(field) ? prefix : prefix + "." + field);
        return problem;
    }

    @PostMapping("/dry-run")
    DryRun dryRun(Caller caller, @RequestBody ArtifactEvent event) {
        return events.dryRun(caller, event);
    }
}
