package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Notifications are information-poor by law of this network: no field of any body schema, current or released, may
 * be able to carry personal data. Two rules make that checkable: no field is named after personal data, and every
 * string carries a {@code bronsein.kind} declaring it an identifier of a participant, an object or an object type. And
 * information-poor by issue 16: no field says a status, who else a change concerns, or which other objects it relates
 * to — the retired bodies did, and told every reader who refers whom to whom.
 */
class NotificationSchemaPrivacyTest {

    private static final List<String> PERSONAL_DATA_WORDS = List.of(
            "bsn", "burgerservice", "name", "naam", "birth", "geboorte", "address", "adres", "street", "straat",
            "postal", "postcode", "city", "woonplaats", "phone", "telefoon", "mobile", "email", "mail", "problem",
            "probleem", "analysis", "text", "note", "description", "reason", "comment", "decision", "product",
            "citizen", "client", "person", "gender", "age");
    private static final Set<String> IDENTIFIER_KINDS = Set.of("participant-id", "object-id", "object-type");
    /** Information-poor (issue 16): no status, and nobody and nothing but the owner and its object. */
    private static final Set<String> MORE_THAN_THE_FACTS = Set.of("status", "concerns", "related");

    @Test
    void noFieldOfAnyBodySchemaCanCarryPersonalData() {
        List<String> violations = new ArrayList<>();
        allBodySchemas().forEach(schema -> inspect(schema, schema.getFullName(), violations, new HashSet<>()));
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsAFreeTextFieldAndAPersonalFieldName() {
        Schema leaky = new Schema.Parser().parse("""
                {"type":"record","name":"Leaky","fields":[
                  {"name":"objectId","type":"string"},
                  {"name":"citizenBsn","type":{"type":"string","bronsein.kind":"object-id"}}]}""");
        List<String> violations = new ArrayList<>();
        inspect(leaky, "Leaky", violations, new HashSet<>());
        assertThat(violations).containsExactlyInAnyOrder(
                "Leaky.objectId: string without a bronsein.kind identifier declaration",
                "Leaky.citizenBsn: field name suggests personal data (bsn)",
                "Leaky.citizenBsn: field name suggests personal data (citizen)");
    }

    @Test
    void noFieldOfACurrentOrReleasedBodyTellsMoreThanTheFacts() {
        List<String> violations = new ArrayList<>();
        Stream.concat(Stream.of(SharedObjectType.values()).map(t -> SpecificData.get().getSchema(t.bodyType())),
                NotificationCodec.releasedSchemas().stream()).forEach(schema -> moreThanTheFacts(schema, violations));
        assertThat(violations).isEmpty();
    }

    @Test
    void theFactsCheckFindsTheFieldsOfTheRetiredBodies() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(retired("ObjectReference-1.avsc"));
        List<String> violations = new ArrayList<>();
        moreThanTheFacts(parser.parse(retired("CaseChanged-2.avsc")), violations);
        assertThat(violations).containsExactlyInAnyOrder("nl.bronsein.schemas.CaseChanged.status",
                "nl.bronsein.schemas.CaseChanged.concerns", "nl.bronsein.schemas.CaseChanged.related");
    }

    @Test
    void theRetiredBodiesCarriedNoPersonalDataEither() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String file : List.of("ReferralChanged-1.avsc", "CaseChanged-1.avsc", "CaseChanged-2.avsc", "AssignmentChanged-1.avsc",
                "ContactPointChanged-1.avsc")) {
            Schema.Parser withReference = new Schema.Parser();
            withReference.parse(retired("ObjectReference-1.avsc"));
            Schema schema = withReference.parse(retired(file));
            inspect(schema, schema.getFullName(), violations, new HashSet<>());
        }
        assertThat(violations).isEmpty();
    }

    private static void moreThanTheFacts(Schema schema, List<String> violations) {
        schema.getFields().stream().filter(f -> MORE_THAN_THE_FACTS.contains(f.name()))
                .forEach(f -> violations.add(schema.getFullName() + "." + f.name()));
    }

    private static String retired(String file) throws IOException {
        try (java.io.InputStream in = NotificationSchemaPrivacyTest.class
                .getResourceAsStream("/nl/bronsein/schemas/retired/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyCatalogueTypeHasAReleasedSchema() {
        Set<String> released = new HashSet<>();
        NotificationCodec.releasedSchemas().forEach(s -> released.add(s.getFullName()));
        for (SharedObjectType type : SharedObjectType.values()) {
            assertThat(released).contains(SpecificData.get().getSchema(type.bodyType()).getFullName());
        }
    }

    private static Stream<Schema> allBodySchemas() {
        return Stream.concat(
                Stream.of(SharedObjectType.values()).map(t -> SpecificData.get().getSchema(t.bodyType())),
                NotificationCodec.releasedSchemas().stream());
    }

    private static void inspect(Schema schema, String path, List<String> violations, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path + "." + field.name();
                    String lower = field.name().toLowerCase(Locale.ROOT);
                    PERSONAL_DATA_WORDS.stream().filter(lower::contains).forEach(word ->
                            violations.add(fieldPath + ": field name suggests personal data (" + word + ")"));
                    inspect(field.schema(), fieldPath, violations, seen);
                }
            }
            case ARRAY -> inspect(schema.getElementType(), path + "[]", violations, seen);
            case MAP -> violations.add(path + ": maps can carry arbitrary keys and are not allowed");
            case UNION -> schema.getTypes().forEach(branch -> inspect(branch, path, violations, seen));
            case STRING -> {
                Object kind = schema.getObjectProp("bronsein.kind");
                if (kind == null || !IDENTIFIER_KINDS.contains(kind.toString())) {
                    violations.add(path + ": string without a bronsein.kind identifier declaration");
                }
            }
            case BYTES, FIXED -> violations.add(path + ": opaque bytes can carry anything and are not allowed");
            default -> {
                // enums, numbers, booleans and timestamps carry no free text
            }
        }
    }
}
