package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution: participants upgrade at their own pace, so a consumer on an older release must read what today's
 * schema writes, and today's code must read what older releases write. Every released version of every body schema
 * ({@link SchemaReleases}) is checked against the current schema (the generated class's) and against every other
 * release of the same record, in both directions (full transitive compatibility, Avro's {@link SchemaCompatibility}),
 * plus the rules Avro alone does not enforce: fields are never removed or renamed, enum symbols are only appended and
 * every enum defaults to {@code UNKNOWN}. Changing an .avsc without releasing it as a new version fails the build.
 */
class SchemaEvolutionTest {

    private static final String RELEASED_DIR = "src/main/resources/nl/bronsein/schemas/released/";
    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final long OCCURRED_AT = 1_764_000_000_123L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationCodec codec = new NotificationCodec();

    static Stream<Arguments> releases() {
        return Arrays.stream(SharedObjectType.values()).flatMap(type -> SchemaReleases.of(current(type).getFullName())
                .stream().map(release -> Arguments.of(type, release)));
    }

    // --- the release list itself ---

    @Test
    void everyCatalogueTypeAndNothingElseIsReleasedAsVersionsOneToN() {
        assertThat(SchemaReleases.byRecord().keySet()).as("records with released versions")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(SharedObjectType.values())
                        .map(type -> current(type).getFullName()).distinct().toList());
        assertThat(NotificationCodec.RELEASED_SCHEMAS).doesNotHaveDuplicates();
        for (SchemaReleases.Release release : SchemaReleases.all()) {
            assertThat(release.schema().getName()).as("record name in " + release.file()).isEqualTo(release.name());
        }
        SchemaReleases.byRecord().forEach((record, releases) -> {
            assertThat(releases).extracting(SchemaReleases.Release::version).as("versions of " + record)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, releases.size()).boxed().toList());
            assertThat(releases).extracting(release -> NotificationCodec.RELEASED_SCHEMAS.indexOf(release.file()))
                    .as("RELEASED_SCHEMAS lists the versions of " + record + " oldest first").isSorted();
        });
    }

    @ParameterizedTest
    @EnumSource(SharedObjectType.class)
    void theNewestReleaseIsTheCurrentSchema(SharedObjectType type) throws Exception {
        Schema current = current(type);
        SchemaReleases.Release newest = SchemaReleases.newest(current.getFullName()).orElseThrow();
        unreleasedChange(current, newest).ifPresent(message -> fail(message));
        assertThat(NotificationCodec.fingerprint(newest.schema())).isEqualTo(NotificationCodec.fingerprint(current));
    }

    // --- compatibility, checked by Avro and by our rules ---

    @ParameterizedTest
    @EnumSource(SharedObjectType.class)
    void theCurrentSchemaReadsAndIsReadByEveryRelease(SharedObjectType type) {
        Schema current = current(type);
        List<SchemaReleases.Release> releases = SchemaReleases.of(current.getFullName());
        assertThat(releases).isNotEmpty();
        assertThat(evolutionProblems(current, "current " + current.getName(), releases))
                .as("incompatibilities of src/main/avro/%s.avsc with its releases", current.getName()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SharedObjectType.class)
    void everyReleaseReadsAndIsReadByEveryOtherReleaseOfItsRecord(SharedObjectType type) {
        List<SchemaReleases.Release> releases = SchemaReleases.of(current(type).getFullName());
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < releases.size(); i++) {
            problems.addAll(evolutionProblems(releases.get(i).schema(), releases.get(i).file(), releases.subList(0, i)));
        }
        assertThat(problems).as("incompatibilities between releases of " + current(type).getName()).isEmpty();
    }

    // --- data actually crosses versions ---

    @ParameterizedTest(name = "{0}: current writer, {1} reader")
    @MethodSource("releases")
    void aConsumerOnAReleasedSchemaReadsWhatTheCurrentSchemaWrites(SharedObjectType type, SchemaReleases.Release release)
            throws Exception {
        Schema current = current(type);
        BinaryMessageDecoder<GenericRecord> oldConsumer = new BinaryMessageDecoder<>(GenericData.get(), release.schema());
        oldConsumer.addSchema(current);
        for (Symbols symbols : Symbols.values()) {
            SpecificRecord written = (SpecificRecord) sample(SpecificData.getForClass(type.bodyType()), current, "", symbols);

            GenericRecord read = oldConsumer.decode(codec.encode(written));

            NotificationFacts facts = NotificationFacts.of(written);
            assertThat(read.get("objectId")).hasToString(facts.objectId());
            assertThat(read.get("objectVersion")).isEqualTo(facts.objectVersion());
            assertThat(read.get("owner")).hasToString(facts.owner());
            assertThat(plain(read.get("occurredAt"))).isEqualTo(facts.occurredAt().toEpochMilli());
            for (String kind : List.of("status", "change")) {
                if (current.getField(kind) != null && release.schema().getField(kind) != null) {
                    assertThat(read.get(kind)).as(kind).hasToString(expectedAs(plain(written.get(current.getField(kind).pos())),
                            release.schema().getField(kind).schema()).toString());
                }
            }
            assertEveryFieldResolved(written, read);
        }
    }

    @ParameterizedTest(name = "{0}: {1} writer, current reader")
    @MethodSource("releases")
    void theCurrentCodecReadsWhatAReleasedSchemaWrites(SharedObjectType type, SchemaReleases.Release release)
            throws Exception {
        for (Symbols symbols : Symbols.values()) {
            GenericRecord written = (GenericRecord) sample(GenericData.get(), release.schema(), "", symbols);
            byte[] bytes = encode(release.schema(), written);
            assertThat(NotificationCodec.fingerprint(codec.writerSchemaOf(bytes)))
                    .isEqualTo(NotificationCodec.fingerprint(release.schema()));

            SpecificRecord read = codec.decode(bytes, type.bodyType());

            NotificationFacts facts = NotificationFacts.of(read);
            assertThat(facts.objectId()).isEqualTo(written.get("objectId").toString());
            assertThat(facts.objectVersion()).isEqualTo(written.get("objectVersion"));
            assertThat(facts.owner()).isEqualTo(written.get("owner").toString());
            assertThat(facts.occurredAt().toEpochMilli()).isEqualTo(plain(written.get("occurredAt")));
            for (String kind : List.of("status", "change")) {
                if (read.getSchema().getField(kind) != null && release.schema().getField(kind) != null) {
                    assertThat(read.get(read.getSchema().getField(kind).pos())).as(kind).hasToString(written.get(kind).toString());
                }
            }
            assertEveryFieldResolved(written, read);
        }
    }

    // --- the checks above can fail: changes that break the contract ---
    // Proven on the retired CaseChanged line (schemas/…/retired/): a real evolution with two releases and enums, which
    // the first release of ObjectChanged does not have yet. The checks are the same for any record.

    @Test
    void aNewFieldWithoutADefaultIsIncompatible() throws Exception {
        Schema variant = caseVariant(json -> fields(json).addObject().put("name", "priority").put("type", "int"));

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(variant, release("CaseChanged-1.avsc")).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(caseProblems(variant))
                .anySatisfy(p -> assertThat(p).contains("cannot read CaseChanged-1.avsc (backward)",
                        "READER_FIELD_MISSING_DEFAULT_VALUE", "priority"))
                .anySatisfy(p -> assertThat(p).contains("cannot read CaseChanged-2.avsc (backward)"));
    }

    @Test
    void aNewFieldWithADefaultIsCompatibleButMustBeReleasedAsANewVersion() throws Exception {
        Schema variant = caseVariant(json -> fields(json).addObject().put("name", "priority").put("type", "int")
                .put("default", 0));

        assertThat(caseProblems(variant)).isEmpty();
        assertThat(unreleasedChange(variant, retiredCaseLine().get(retiredCaseLine().size() - 1)))
                .hasValueSatisfying(message -> assertThat(message).contains("CaseChanged-3.avsc", "RELEASED_SCHEMAS",
                        "/fields/8: only in current"));
        Schema reworded = caseVariant(json -> json.put("doc", "Documentation may change without a release."));
        assertThat(unreleasedChange(reworded, retiredCaseLine().get(retiredCaseLine().size() - 1))).isEmpty();
    }

    @Test
    void aRemovedFieldIsIncompatible() throws Exception {
        Schema variant = caseVariant(json -> removeField(json, "owner"));

        assertThat(caseProblems(variant))
                .anySatisfy(p -> assertThat(p).contains("CaseChanged-2.avsc cannot read variant (forward)",
                        "READER_FIELD_MISSING_DEFAULT_VALUE at CaseChanged.owner"))
                .anySatisfy(p -> assertThat(p).contains("field CaseChanged.owner of CaseChanged-1.avsc was removed"));
    }

    @Test
    void aRenamedFieldIsIncompatible() throws Exception {
        Schema variant = caseVariant(json -> field(json, "objectVersion").put("name", "version"));

        assertThat(caseProblems(variant))
                .anySatisfy(p -> assertThat(p).contains("(backward)", "READER_FIELD_MISSING_DEFAULT_VALUE", "version"))
                .anySatisfy(p -> assertThat(p).contains("(forward)", "READER_FIELD_MISSING_DEFAULT_VALUE", "objectVersion"));
    }

    @Test
    void aWidenedFieldTypeIsOnlyBackwardCompatible() throws Exception {
        Schema variant = caseVariant(json -> field(json, "objectVersion").put("type", "long"));

        assertThat(caseProblems(variant)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("(forward)", "TYPE_MISMATCH at CaseChanged.objectVersion"));
    }

    @Test
    void aRemovedEnumDefaultBreaksTheRuleAndWouldLeaveOlderReadersUnableToReadNewSymbols() throws Exception {
        Schema withoutDefault = caseVariant(json -> enumOf(json, "status").remove("default"));
        assertThat(caseProblems(withoutDefault))
                .anySatisfy(p -> assertThat(p).contains("enum nl.bronsein.schemas.CaseStatus has default null"));

        // Why: a reader without an enum default cannot read a writer that appended a symbol.
        Schema withNewSymbol = caseVariant(json -> ((ArrayNode) enumOf(json, "status").get("symbols")).add("ON_HOLD"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withoutDefault, withNewSymbol).getResult()
                .getIncompatibilities()).extracting(SchemaCompatibility.Incompatibility::getType)
                .contains(SchemaCompatibility.SchemaIncompatibilityType.MISSING_ENUM_SYMBOLS);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(release("CaseChanged-2.avsc"), withNewSymbol)
                .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aRemovedEnumSymbolBreaksTheRuleThoughAvroWouldMapItToTheDefault() throws Exception {
        Schema variant = caseVariant(json -> {
            ArrayNode symbols = (ArrayNode) enumOf(json, "status").get("symbols");
            symbols.remove(symbols.size() - 1);
        });

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(variant, release("CaseChanged-2.avsc")).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(caseProblems(variant)).anySatisfy(p -> assertThat(p)
                .contains("symbols of nl.bronsein.schemas.CaseStatus in CaseChanged-1.avsc", "only appended"));
    }

    @Test
    void anEnumSymbolAppendedAtTheEndReadsAsUnknownForEveryOlderConsumer() throws Exception {
        Schema variant = caseVariant(json -> ((ArrayNode) enumOf(json, "status").get("symbols")).add("ON_HOLD"));
        assertThat(caseProblems(variant)).isEmpty();

        GenericRecord written = (GenericRecord) sample(GenericData.get(), variant, "", Symbols.NEWEST);
        assertThat(written.get("status")).hasToString("ON_HOLD");
        byte[] bytes = encode(variant, written);

        BinaryMessageDecoder<GenericRecord> newestConsumer = new BinaryMessageDecoder<>(GenericData.get(),
                retiredCaseLine().get(retiredCaseLine().size() - 1).schema());
        newestConsumer.addSchema(variant);
        GenericRecord read = newestConsumer.decode(bytes);
        assertThat(read.get("status")).hasToString("UNKNOWN");
        assertThat(read.get("objectId")).hasToString(written.get("objectId").toString());
        for (SchemaReleases.Release release : retiredCaseLine()) {
            BinaryMessageDecoder<GenericRecord> oldConsumer = new BinaryMessageDecoder<>(GenericData.get(), release.schema());
            oldConsumer.addSchema(variant);
            assertThat(oldConsumer.decode(bytes).get("status")).as(release.file()).hasToString("UNKNOWN");
        }
    }

    // --- the checks ---

    /**
     * Everything wrong with {@code candidate} as a successor of {@code earlier}: Avro incompatibilities in both
     * directions, and our rules (no field or type removed, enum symbols only appended, every enum defaults to UNKNOWN).
     */
    private static List<String> evolutionProblems(Schema candidate, String label, List<SchemaReleases.Release> earlier) {
        List<String> problems = new ArrayList<>();
        namedTypes(candidate).values().stream().filter(named -> named.getType() == Schema.Type.ENUM)
                .filter(named -> !"UNKNOWN".equals(named.getEnumDefault()))
                .forEach(named -> problems.add(label + ": enum " + named.getFullName() + " has default "
                        + named.getEnumDefault() + "; every enum needs \"default\": \"UNKNOWN\" so that older readers"
                        + " map symbols they do not know to it"));
        for (SchemaReleases.Release release : earlier) {
            incompatibilities(candidate, release.schema()).forEach(incompatibility ->
                    problems.add(label + " cannot read " + release.file() + " (backward): " + incompatibility));
            incompatibilities(release.schema(), candidate).forEach(incompatibility ->
                    problems.add(release.file() + " cannot read " + label + " (forward): " + incompatibility));
            Map<String, Schema> now = namedTypes(candidate);
            for (Schema then : namedTypes(release.schema()).values()) {
                Schema successor = now.get(then.getFullName());
                if (successor == null || successor.getType() != then.getType()) {
                    problems.add(label + ": type " + then.getFullName() + " of " + release.file() + " was removed or changed");
                } else if (then.getType() == Schema.Type.RECORD) {
                    then.getFields().stream().filter(field -> successor.getField(field.name()) == null)
                            .forEach(field -> problems.add(label + ": field " + then.getName() + "." + field.name()
                                    + " of " + release.file() + " was removed or renamed; fields are never removed or renamed"));
                } else if (then.getType() == Schema.Type.ENUM) {
                    List<String> old = then.getEnumSymbols();
                    List<String> neu = successor.getEnumSymbols();
                    if (neu.size() < old.size() || !neu.subList(0, old.size()).equals(old)) {
                        problems.add(label + ": symbols of " + then.getFullName() + " in " + release.file() + " " + old
                                + " must stay, in order, at the start of " + neu + "; symbols are only appended");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + describe(i.getLocation(), reader) + ": " + i.getMessage()).toList();
    }

    /** A JSON pointer into the reader schema, such as {@code /fields/1/type}, as a field path. */
    private static String describe(String location, Schema reader) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema schema = reader;
        String[] steps = location.split("/");
        try {
            for (int i = 1; i < steps.length; i++) {
                switch (steps[i]) {
                    case "fields" -> {
                        Schema.Field field = schema.getFields().get(Integer.parseInt(steps[++i]));
                        path.append('.').append(field.name());
                        schema = field.schema();
                    }
                    case "items" -> {
                        path.append("[]");
                        schema = schema.getElementType();
                    }
                    case "values" -> schema = schema.getValueType();
                    default -> {
                        // "type", "symbols", "name", a union branch: nothing to name
                    }
                }
            }
        } catch (RuntimeException unexpectedLocation) {
            return location;
        }
        return path + " (" + location + ")";
    }

    /** Why {@code current} is not its newest release, if it is not; docs and generator hints do not count. */
    private static Optional<String> unreleasedChange(Schema current, SchemaReleases.Release newest) throws Exception {
        JsonNode now = contract(current);
        JsonNode released = contract(newest.schema());
        if (now.equals(released)) {
            return Optional.empty();
        }
        String next = newest.name() + "-" + (newest.version() + 1) + ".avsc";
        return Optional.of(("""
                src/main/avro/%s.avsc differs from its newest release %s at %s.
                A released schema never changes. If the change is compatible (this test checks it once released), copy \
                the .avsc to %s%s and add "%s" to NotificationCodec.RELEASED_SCHEMAS; see schemas/README.md.""")
                .formatted(current.getName(), newest.file(), firstDifference(now, released, ""), RELEASED_DIR, next, next));
    }

    /** The schema as JSON without what does not affect the wire or resolution: docs and the generator's string hint. */
    private static JsonNode contract(Schema schema) throws Exception {
        JsonNode json = JSON.readTree(schema.toString());
        strip(json);
        return json;
    }

    private static void strip(JsonNode json) {
        if (json instanceof ObjectNode object) {
            object.remove(List.of("doc", "avro.java.string"));
        }
        json.forEach(SchemaEvolutionTest::strip);
    }

    private static String firstDifference(JsonNode now, JsonNode released, String path) {
        if (now.isObject() && released.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            now.fieldNames().forEachRemaining(names::add);
            released.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!released.has(name)) {
                    return path + "/" + name + ": only in current: " + now.get(name);
                } else if (!now.has(name)) {
                    return path + "/" + name + ": only in the release: " + released.get(name);
                } else if (!now.get(name).equals(released.get(name))) {
                    return firstDifference(now.get(name), released.get(name), path + "/" + name);
                }
            }
        } else if (now.isArray() && released.isArray()) {
            for (int i = 0; i < Math.min(now.size(), released.size()); i++) {
                if (!now.get(i).equals(released.get(i))) {
                    return firstDifference(now.get(i), released.get(i), path + "/" + i);
                }
            }
            return now.size() > released.size()
                    ? path + "/" + released.size() + ": only in current: " + now.get(released.size())
                    : path + "/" + now.size() + ": only in the release: " + released.get(now.size());
        }
        return path + ": current " + now + ", released " + released;
    }

    private static Map<String, Schema> namedTypes(Schema schema) {
        Map<String, Schema> named = new LinkedHashMap<>();
        collectNamed(schema, named);
        return named;
    }

    private static void collectNamed(Schema schema, Map<String, Schema> into) {
        switch (schema.getType()) {
            case RECORD -> {
                if (into.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collectNamed(field.schema(), into));
                }
            }
            case ENUM, FIXED -> into.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collectNamed(schema.getElementType(), into);
            case MAP -> collectNamed(schema.getValueType(), into);
            case UNION -> schema.getTypes().forEach(branch -> collectNamed(branch, into));
            default -> {
            }
        }
    }

    // --- data ---

    /** Which enum symbol a sample carries: the first real one (every release knows it), or the newest one. */
    private enum Symbols { FIRST, NEWEST }

    /** A complete sample value of {@code schema}, as {@code model} represents it (generic or the generated classes). */
    private static Object sample(GenericData model, Schema schema, String field, Symbols symbols) {
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
                schema.getFields().forEach(f -> record.put(f.pos(), sample(model, f.schema(), f.name(), symbols)));
                yield record;
            }
            case ENUM -> {
                List<String> all = schema.getEnumSymbols();
                yield model.createEnum(symbols == Symbols.NEWEST ? all.get(all.size() - 1) : all.get(Math.min(1, all.size() - 1)),
                        schema);
            }
            case ARRAY -> List.of(sample(model, schema.getElementType(), field, symbols));
            case STRING -> switch (String.valueOf(schema.getObjectProp("bronsein.kind"))) {
                case "participant-id" -> "owner".equals(field) ? MUNICIPALITY : GP;
                case "object-type" -> "referral";
                default -> "4f0c2b9d-" + field;
            };
            case INT -> 4;
            case LONG -> {
                LogicalType logicalType = schema.getLogicalType();
                Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
                yield conversion == null ? (Object) OCCURRED_AT : conversion.fromLong(OCCURRED_AT, schema, logicalType);
            }
            case BOOLEAN -> true;
            case NULL -> null;
            case UNION -> sample(model, schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst().orElse(schema.getTypes().get(0)), field, symbols);
            default -> throw new IllegalStateException("no sample value for " + schema.getType() + " field " + field
                    + "; teach SchemaEvolutionTest.sample one");
        };
    }

    /** Every field of what was read holds what was written, its reader default if the writer lacked it. */
    private static void assertEveryFieldResolved(IndexedRecord written, IndexedRecord read) {
        for (Schema.Field field : read.getSchema().getFields()) {
            Schema.Field writerField = written.getSchema().getField(field.name());
            Object expected = writerField == null
                    ? plain(GenericData.get().getDefaultValue(field))
                    : expectedAs(plain(written.get(writerField.pos())), field.schema());
            assertThat(plain(read.get(field.pos()))).as(read.getSchema().getName() + "." + field.name()).isEqualTo(expected);
        }
    }

    /** A symbol the reader does not know resolves to the reader's enum default. */
    private static Object expectedAs(Object value, Schema readerSchema) {
        if (readerSchema.getType() == Schema.Type.ENUM && !readerSchema.getEnumSymbols().contains(String.valueOf(value))) {
            return readerSchema.getEnumDefault();
        }
        return value;
    }

    /** A value reduced to strings, numbers, lists and maps, so generic and generated representations compare. */
    private static Object plain(Object value) {
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return value.toString();
        } else if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        } else if (value instanceof IndexedRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            record.getSchema().getFields().forEach(field -> fields.put(field.name(), plain(record.get(field.pos()))));
            return fields;
        } else if (value instanceof Collection<?> collection) {
            return collection.stream().map(SchemaEvolutionTest::plain).toList();
        }
        return value;
    }

    private static byte[] encode(Schema writer, GenericRecord record) throws Exception {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    // --- variants of the retired CaseChanged ---

    /** CaseChanged-1 and -2, as released until issue 16 retired them: the fixture the checks are proven on. */
    private static List<SchemaReleases.Release> retiredCaseLine() {
        return List.of(retired("CaseChanged-1.avsc", 1), retired("CaseChanged-2.avsc", 2));
    }

    private static SchemaReleases.Release retired(String file, int version) {
        return new SchemaReleases.Release(file, "CaseChanged", version, withObjectReference().parse(resource(file)));
    }

    private static Schema.Parser withObjectReference() {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(resource("ObjectReference-1.avsc"));
        return parser;
    }

    private static String resource(String file) {
        try (java.io.InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/nl/bronsein/schemas/retired/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> caseProblems(Schema variant) {
        return evolutionProblems(variant, "variant", retiredCaseLine());
    }

    private static Schema caseVariant(Consumer<ObjectNode> change) throws Exception {
        // the newest retired release, with the ObjectReference it names written out inline
        ObjectNode json = (ObjectNode) JSON.readTree(release("CaseChanged-2.avsc").toString());
        change.accept(json);
        return new Schema.Parser().parse(json.toString());
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (JsonNode field : fields(record)) {
            if (name.equals(field.get("name").asText())) {
                return (ObjectNode) field;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static void removeField(ObjectNode record, String name) {
        ArrayNode fields = fields(record);
        for (int i = 0; i < fields.size(); i++) {
            if (name.equals(fields.get(i).get("name").asText())) {
                fields.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static ObjectNode enumOf(ObjectNode record, String fieldName) {
        return (ObjectNode) field(record, fieldName).get("type");
    }

    private static Schema release(String file) {
        return retiredCaseLine().stream().filter(release -> release.file().equals(file)).findFirst().orElseThrow()
                .schema();
    }

    private static Schema current(SharedObjectType type) {
        return SpecificData.get().getSchema(type.bodyType());
    }
}
