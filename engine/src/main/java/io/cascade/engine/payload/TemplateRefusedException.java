package io.cascade.engine.payload;

import io.cascade.engine.common.InvalidInputException;

/** A payload template that uses a construct Cascade does not render, or that exceeds a render limit. */
final class TemplateRefusedException extends InvalidInputException {

    /** The only field a stored template comes from; a save names its own field. */
    static final String FIELD = "action.payload";

    private final String reason;

    TemplateRefusedException(String field, String reason) {
        super(field, field + " " + reason);
        this.reason = reason;
    }

    TemplateRefusedException(String reason) {
        this(FIELD, reason);
    }

    TemplateRefusedException naming(String field) {
        return new TemplateRefusedException(field, reason);
    }
}
