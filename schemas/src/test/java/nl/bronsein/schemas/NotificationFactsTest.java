package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class NotificationFactsTest {

    @Test
    void everyBodySchemaHasTheFactsAndNothingElse() {
        for (SharedObjectType type : SharedObjectType.values()) {
            Schema schema = SpecificData.get().getSchema(type.bodyType());
            assertThat(schema.getFields()).extracting(Schema.Field::name).as(schema.getFullName())
                    .containsExactly("objectType", "objectId", "objectVersion", "owner", "occurredAt");
        }
    }

    @Test
    void readsTheFactsOfABody() {
        Instant at = Instant.parse("2026-11-23T10:15:30.123Z");
        ObjectChanged body = new ObjectChanged("case", "c-1", 3, "urn:nld:oin:00000001001234567000", at);

        assertThat(NotificationFacts.of(body)).isEqualTo(
                new NotificationFacts("case", "c-1", 3, "urn:nld:oin:00000001001234567000", at));
    }
}
