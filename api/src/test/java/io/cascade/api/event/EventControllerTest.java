package io.cascade.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.cascade.engine.common.Caller;
import io.cascade.engine.common.IntakePriority;
import io.cascade.engine.common.NotFoundException;
import io.cascade.engine.event.ArtifactEvent;
import io.cascade.engine.event.EventType;
import io.cascade.engine.execution.ExecutionRef;
import io.cascade.engine.ingest.EventBatches;
import io.cascade.engine.ingest.EventInbox;
import io.cascade.engine.ingest.EventService;
import io.cascade.engine.ingest.Submission;
import io.cascade.engine.ingest.SubmittedEvent;
import io.cascade.engine.metrics.CascadeMetrics;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** POST /api/v1/events without the engine: how the request is read and the answer's status chosen. */
@WebMvcTest(EventController.class)
@WithMockUser("alice")
class EventControllerTest {

    private static final String EVENT = """
            {"type": "CREATE_ARTIFACT", "entity": "acme", "project": "churn", "author": "alice",
             "collection": "training-data", "artifact": {"id": "QXJ0aWZhY3Q6MQ", "version": "v3"}}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventService events;
    @MockitoBean
    EventBatches batches;
    @MockitoBean
    CascadeMetrics metrics;
    @MockitoBean
    IntakePriority intake;
    @MockitoBean
    EventInbox inbox;

    @Test
    void aNewEventIsAcceptedForTheCallerWithTheIdempotencyKey() throws Exception {
        UUID execution = UUID.randomUUID();
        when(events.submit(any(), any(), any())).thenReturn(new Submission(new SubmittedEvent("k-1",
                List.of(new ExecutionRef(execution, "notify-ci", UUID.randomUUID()))), false));

        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "k-1").content(EVENT))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.executions[0].id").value(execution.toString()));

        ArgumentCaptor<ArtifactEvent> event = ArgumentCaptor.forClass(ArtifactEvent.class);
        verify(events).submit(eq(new Caller("alice", false)), event.capture(), eq("k-1"));
        assertThat(event.getValue().type()).isEqualTo(EventType.CREATE_ARTIFACT);
        assertThat(event.getValue().collection()).isEqualTo("training-data");
    }

    @Test
    void aRepeatedEventIsAnsweredWith200() throws Exception {
        when(events.submit(any(), any(), any())).thenReturn(new Submission(new SubmittedEvent("k-1", List.of()), true));

        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON).content(EVENT))
                .andExpect(status().isOk());
    }

    @Test
    void unreadableJsonIsAProblemAndReachesNoService() throws Exception {
        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"type\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));

        verifyNoInteractions(events);
    }

    @Test
    void preferRespondAsyncQueuesTheEventInsteadOfMatchingIt() throws Exception {
        when(inbox.enqueue(any(), any(), any())).thenReturn(new EventInbox.Queued("k-2", EventInbox.Status.QUEUED,
                false, List.of()));

        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "k-2").header("Prefer", "wait=5, Respond-Async").content(EVENT))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Preference-Applied", "respond-async"))
                .andExpect(header().string("Location", "/api/v1/events/k-2?entity=acme"))
                .andExpect(jsonPath("$.executions").isEmpty());

        verify(inbox).enqueue(eq(new Caller("alice", false)), any(), eq("k-2"));
        verifyNoInteractions(events);
    }

    @Test
    void theLocationOfAQueuedEventEncodesItsId() throws Exception {
        when(inbox.enqueue(any(), any(), any())).thenReturn(new EventInbox.Queued("run 7/a?b#c%", EventInbox.Status.QUEUED,
                false, List.of()));

        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .header("Prefer", "respond-async").content(EVENT))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/events/run%207%2Fa%3Fb%23c%25?entity=acme"));
    }

    @Test
    void otherPreferencesAreAnsweredSynchronously() throws Exception {
        when(events.submit(any(), any(), any())).thenReturn(new Submission(new SubmittedEvent("k-3", List.of()), false));

        mvc.perform(post("/api/v1/events").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .header("Prefer", "return=minimal, respond-asynchronously").content(EVENT))
                .andExpect(status().isAccepted())
                .andExpect(header().doesNotExist("Preference-Applied"));

        verifyNoInteractions(inbox);
    }

    @Test
    void anEventsStatusNeedsItsTeam() throws Exception {
        mvc.perform(get("/api/v1/events/k-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("entity"));

        verifyNoInteractions(inbox);
    }

    @Test
    void eachEventABatchRefusesIsCountedAsRefused() throws Exception {
        when(batches.submit(any(), any())).thenReturn(List.of(
                new EventBatches.Outcome(new Submission(new SubmittedEvent("k-4", List.of()), false), null, null),
                new EventBatches.Outcome(null, null, new NotFoundException("team acme not found"))));

        mvc.perform(post("/api/v1/events/batch").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"events\": [" + EVENT + ", " + EVENT + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refused").value(1));

        verify(metrics).eventRefused("not_found");
        verify(metrics, never()).eventRefused("invalid");
    }
}
