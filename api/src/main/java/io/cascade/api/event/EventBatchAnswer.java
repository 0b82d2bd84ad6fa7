package io.cascade.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cascade.engine.execution.ExecutionRef;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** One result per submitted event, in the order they were sent, and how many ended each way. */
record EventBatchAnswer(List<Result> results, int accepted, int alreadyAccepted, int refused, int queued) {

    static EventBatchAnswer of(List<Result> results) {
        return new EventBatchAnswer(results, count(results, Outcome.ACCEPTED), count(results, Outcome.ALREADY_ACCEPTED),
                count(results, Outcome.REFUSED), count(results, Outcome.QUEUED));
    }

    private static int count(List<Result> results, Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** QUEUED: taken into the inbox ({@code Prefer: respond-async}), its executions not started yet. */
    enum Outcome { ACCEPTED, ALREADY_ACCEPTED, REFUSED, QUEUED }

    /**
     * {@code status} is what the single endpoint would have answered for this event: 202 accepted,
     * 200 already accepted (the first answer's executions, nothing started), or the refusal's status
     * with its {@code problem}; with {@code Prefer: respond-async}, 202 queued (no executions yet).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EventBatchResult")
    record Result(int index, int status, Outcome outcome,
                  @Schema(description = "the event's id (the client's, or the one given to it)") String id,
                  List<ExecutionRef> executions,
                  @Schema(ref = "#/components/schemas/Problem",
                          description = "why it was refused; its field names the event, e.g. events[3].collection")
                  ProblemDetail problem) {

        static Result accepted(int index, String id, List<ExecutionRef> executions, boolean replay) {
            return new Result(index, replay ? 200 : 202, replay ? Outcome.ALREADY_ACCEPTED : Outcome.ACCEPTED, id,
                    executions, null);
        }

        static Result queued(int index, String id) {
            return new Result(index, 202, Outcome.QUEUED, id, List.of(), null);
        }

        static Result refused(int index, ProblemDetail problem) {
            return new Result(index, problem.getStatus(), Outcome.REFUSED, null, null, problem);
        }
    }
}
