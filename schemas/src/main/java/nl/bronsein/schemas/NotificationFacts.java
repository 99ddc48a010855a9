package nl.bronsein.schemas;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every notification body carries, whatever its object type: which object and version, its owner, the
 * participants the change concerns, related objects and when it happened. Routing and inbox code read these without
 * knowing the concrete body class; {@code NotificationFactsTest} keeps every body schema in line.
 */
public record NotificationFacts(String objectId, int objectVersion, String owner, List<String> concerns,
                                List<ObjectReference> related, Instant occurredAt) {

    @SuppressWarnings("unchecked")
    public static NotificationFacts of(SpecificRecord body) {
        return new NotificationFacts(
                (String) field(body, "objectId"),
                (Integer) field(body, "objectVersion"),
                (String) field(body, "owner"),
                List.copyOf((List<String>) field(body, "concerns")),
                List.copyOf((List<ObjectReference>) field(body, "related")),
                (Instant) field(body, "occurredAt"));
    }

    private static Object field(SpecificRecord body, String name) {
        org.apache.avro.Schema.Field field = body.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(body.getSchema().getFullName() + " lacks the common field " + name);
        }
        return body.get(field.pos());
    }
}
