package io.cascade.engine.common;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Names the field a Jackson mapping error is about, as a dotted path ("artifact.version"). */
public final class JsonFields {

    private JsonFields() {
    }

    public static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
