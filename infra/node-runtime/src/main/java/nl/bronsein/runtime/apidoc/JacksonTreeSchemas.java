package nl.bronsein.runtime.apidoc;

import java.util.Iterator;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * swagger-core introspects types with Jackson 2, to which a Jackson 3 tree ({@link JsonNode}, e.g. the notification
 * history page) is a bean with conflicting setters: springdoc logs the failure and leaves the response without a
 * schema. Such a tree is a JSON object; this converter says so before any other converter looks at it.
 */
final class JacksonTreeSchemas implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (JsonNode.class.isAssignableFrom(raw)) {
            Schema<Object> object = new ObjectSchema();
            object.setTypes(Set.of("object"));
            return object;
        }
        return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    }
}
