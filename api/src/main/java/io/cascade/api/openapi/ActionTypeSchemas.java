package io.cascade.api.openapi;

import io.cascade.engine.action.ActionType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Action types register their JSON subtypes at runtime (each feature its own Jackson module), so
 * the document learns them here: one schema per registered type, named in the discriminator's
 * mapping by its type name, and every {@code action} property offered as one of them.
 */
class ActionTypeSchemas implements OpenApiCustomizer {

    private static final String BASE = "AutomationAction";
    private static final String REF = "#/components/schemas/";

    private final List<ActionType<?>> types;

    ActionTypeSchemas(List<ActionType<?>> types) {
        this.types = types;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Schema base = schemas.get(BASE);
        if (base == null) {
            return;
        }
        Discriminator discriminator = new Discriminator().propertyName("type");
        List<Schema> oneOf = new ArrayList<>();
        types.stream().sorted(Comparator.comparing(t -> t.actionClass().getSimpleName())).forEach(type -> {
            String name = type.actionClass().getSimpleName();
            ResolvedSchema resolved = ModelConverters.getInstance().readAllAsResolvedSchema(type.actionClass());
            Schema own = resolved.schema.type("object");
            own.getProperties().remove("type");
            ((Map<String, Schema>) own.getProperties()).values().forEach(ActionTypeSchemas::anyValues);
            schemas.put(name, new ComposedSchema().addAllOfItem(new Schema<>().$ref(REF + BASE)).addAllOfItem(own));
            discriminator.mapping(type.typeName(), REF + name);
            oneOf.add(new Schema<>().$ref(REF + name));
        });
        base.setDiscriminator(discriminator);
        schemas.values().forEach(schema -> {
            Map<String, Schema> properties = schema.getProperties();
            Schema action = properties == null ? null : properties.get("action");
            if (action != null && (REF + BASE).equals(action.get$ref())) {
                properties.put("action", new ComposedSchema().oneOf(oneOf));
            }
        });
    }

    /** A {@code Map<String, Object>} holds any JSON value, as springdoc writes it elsewhere: {@code {}}. */
    @SuppressWarnings("rawtypes")
    private static void anyValues(Schema property) {
        if (property.getAdditionalProperties() instanceof Schema values && "object".equals(values.getType())
                && values.getProperties() == null) {
            property.setAdditionalProperties(new Schema<>());
        }
    }
}
