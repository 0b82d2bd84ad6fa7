package io.cascade.api.execution;

import io.cascade.engine.common.InvalidInputException;
import io.cascade.engine.event.EventType;
import io.cascade.engine.execution.ExecutionStatus;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/** Reads the history query parameters, naming the parameter a bad value came in. */
final class HistoryParameters {

    private HistoryParameters() {
    }

    static UUID automation(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("automation", "automation must be an automation id");
        }
    }

    static ExecutionStatus status(String value) {
        return value == null ? null : constant(ExecutionStatus.class, "status", value);
    }

    static EventType eventType(String value) {
        return value == null ? null : constant(EventType.class, "eventType", value);
    }

    static OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field,
                    field + " must be an ISO-8601 date-time with offset, e.g. 2026-11-28T10:00:00Z");
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " must be one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }
}
