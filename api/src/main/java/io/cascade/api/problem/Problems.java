package io.cascade.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cascade.engine.common.JsonFields;
import io.cascade.engine.common.ProblemException;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details, with the offending field named when there is one. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(int status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public static ProblemDetail of(ProblemException e) {
        return of(e.status(), e.title(), e.getMessage(), e.field());
    }

    /**
     * Why JSON could not be read into the expected shape, naming the field: a refusal of the value
     * itself (a ProblemException among the causes) or the wrong type, an unknown enum value, bad syntax.
     */
    public static ProblemDetail ofUnreadable(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ProblemException problem) {
                return of(problem);
            }
        }
        if (cause instanceof InvalidTypeIdException typeId) {
            String field = JsonFields.path(typeId);
            String where = field.isEmpty() ? "type" : field + ".type";
            return of(400, "Invalid request", where + " is missing or unknown", where);
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
            String field = JsonFields.path(format);
            return of(400, "Invalid request", field + " must be one of "
                    + Arrays.toString(format.getTargetType().getEnumConstants()), field);
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = JsonFields.path(mismatch);
            return of(400, "Invalid request", field + " has the wrong type", field);
        }
        if (cause instanceof JsonParseException parse) {
            return of(400, "Invalid request", "the body is not valid JSON (line "
                    + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")", "body");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = JsonFields.path(mapping);
            return of(400, "Invalid request", field + " is not valid", field);
        }
        return of(400, "Invalid request", "the body is missing or is not a JSON object of the expected shape",
                "body");
    }
}
