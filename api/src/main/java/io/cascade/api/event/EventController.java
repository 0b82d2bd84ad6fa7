package io.cascade.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.api.problem.Problems;
import io.cascade.engine.common.Caller;
import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.common.ProblemException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.ingest.DryRun;
import io.cascade.engine.ingest.EventBatches;
import io.cascade.engine.ingest.EventService;
import io.cascade.engine.ingest.Submission;
import io.cascade.engine.ingest.SubmittedEvent;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Artifact events from REST clients: 202 when accepted, 200 when the id was seen before. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final EventService events;
    private final EventBatches batches;
    private final ObjectMapper json;

    EventController(EventService events, EventBatches batches, ObjectMapper json) {
        this.events = events;
        this.batches = batches;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<SubmittedEvent> submit(Caller caller, @RequestBody ArtifactEvent event,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
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
    EventBatchAnswer submitBatch(Caller caller, @RequestBody EventBatchRequest batch) {
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
        List<EventBatches.Outcome> outcomes = readable.isEmpty() ? List.of() : batches.submit(caller, readable);
        EventBatchAnswer.Result[] results = new EventBatchAnswer.Result[events.size()];
        unreadable.forEach((i, problem) -> results[i] = EventBatchAnswer.Result.refused(i, naming(i, problem)));
        for (int n = 0; n < outcomes.size(); n++) {
            int i = readableIndexes.get(n);
            EventBatches.Outcome outcome = outcomes.get(n);
            results[i] = outcome.refusal() != null
                    ? EventBatchAnswer.Result.refused(i, naming(i, Problems.of(outcome.refusal())))
                    : EventBatchAnswer.Result.accepted(i, outcome.submission().event().id(),
                            outcome.submission().event().executions(), outcome.submission().replay());
        }
        return EventBatchAnswer.of(List.of(results));
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
