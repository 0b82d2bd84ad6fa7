package io.cascade.api.event;

import io.cascade.engine.common.Caller;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.ingest.DryRun;
import io.cascade.engine.ingest.EventService;
import io.cascade.engine.ingest.Submission;
import io.cascade.engine.ingest.SubmittedEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
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

    EventController(EventService events) {
        this.events = events;
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

    @PostMapping("/dry-run")
    DryRun dryRun(Caller caller, @RequestBody ArtifactEvent event) {
        return events.dryRun(caller, event);
    }
}
