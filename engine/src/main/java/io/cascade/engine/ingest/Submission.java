package io.cascade.engine.ingest;

/** A submitted event's answer, and whether it replays an earlier submission of the same id. */
public record Submission(SubmittedEvent event, boolean replay) {
}
