package nl.bronsein.schemas;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every notification body carries, whatever its object type: which object and version, its owner and when
 * it changed — and nothing else: who else is involved, and in which status, is for the owner to answer on a pull.
 * Routing and inbox code read these without knowing the concrete body class; {@code NotificationFactsTest} keeps every
 * body schema in line.
 */
public record NotificationFacts(String objectType, String objectId, int objectVersion, String owner, Instant occurredAt) {

    public static NotificationFacts of(SpecificRecord body) {
        return new NotificationFacts(
                (String) field(body, "objectType"),
                (String) field(body, "objectId"),
                (Integer) field(body, "objectVersion"),
                (String) field(body, "owner"),
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
