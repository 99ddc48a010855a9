package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class NotificationFactsTest {

    @Test
    void everyBodySchemaHasTheCommonFields() {
        for (SharedObjectType type : SharedObjectType.values()) {
            Schema schema = SpecificData.get().getSchema(type.bodyType());
            assertThat(schema.getFields()).extracting(Schema.Field::name)
                    .as(schema.getFullName())
                    .contains("objectId", "objectVersion", "owner", "concerns", "related", "occurredAt");
        }
    }

    @Test
    void readsTheCommonFieldsOfABody() {
        Instant at = Instant.parse("2026-11-23T10:15:30.123Z");
        ObjectReference referral = new ObjectReference("urn:nld:kvk:12345678", "referral", "r-1");
        CaseChanged body = CaseChanged.newBuilder().setObjectId("c-1").setObjectVersion(3).setStatus(CaseStatus.RECEIVED)
                .setOwner("urn:nld:oin:00000001001234567000").setConcerns(List.of("urn:nld:kvk:12345678"))
                .setRelated(List.of(referral)).setOccurredAt(at).build();

        NotificationFacts facts = NotificationFacts.of(body);

        assertThat(facts).isEqualTo(new NotificationFacts("c-1", 3, "urn:nld:oin:00000001001234567000",
                List.of("urn:nld:kvk:12345678"), List.of(referral), at));
    }
}
