package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class NotificationCodecTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";

    private final NotificationCodec codec = new NotificationCodec();

    @Test
    void roundTripsTheBodyOfEveryObjectTypeThroughSingleObjectEncoding() {
        for (SharedObjectType type : SharedObjectType.values()) {
            ObjectChanged body = body(type.code(), type == SharedObjectType.REFERRAL ? GP : MUNICIPALITY);
            byte[] bytes = codec.encode(body);

            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(codec.decode(bytes)).isEqualTo(body);
            assertThat(codec.decode(bytes, type.bodyType())).isEqualTo(body);
        }
    }

    @Test
    void decodesABodyWrittenWithAnOlderWriterSchemaKnownToTheStore() throws IOException {
        // An older release of ObjectChanged, as a future release will look back on today's: without objectType.
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"ObjectChanged","namespace":"nl.bronsein.schemas","fields":[
                  {"name":"objectId","type":{"type":"string","bronsein.kind":"object-id"}},
                  {"name":"objectVersion","type":"int"},
                  {"name":"owner","type":{"type":"string","bronsein.kind":"participant-id"}},
                  {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord written = new GenericData.Record(older);
        written.put("objectId", "case-1");
        written.put("objectVersion", 1);
        written.put("owner", MUNICIPALITY);
        written.put("occurredAt", 1_700_000_000_000L);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(written).array());

        // today's reader has no default for objectType, so it cannot read that writer: the store refuses, clearly
        NotificationCodec withOlderRelease = new NotificationCodec(List.of(older));
        assertThatThrownBy(() -> withOlderRelease.decode(bytes, ObjectChanged.class))
                .isInstanceOf(UndecodableNotificationException.class);
        // The codec without that release does not guess: the fingerprint is unknown to it.
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(UndecodableNotificationException.class)
                .hasMessageStartingWith("unknown schema fingerprint");
    }

    @Test
    void decodesABodyOfAWriterWithAnAddedFieldKnownToTheStore() throws IOException {
        // A later release that added a field with a default: today's reader reads it and ignores the field.
        Schema later = new Schema.Parser().parse("""
                {"type":"record","name":"ObjectChanged","namespace":"nl.bronsein.schemas","fields":[
                  {"name":"objectType","type":{"type":"string","bronsein.kind":"object-type"}},
                  {"name":"objectId","type":{"type":"string","bronsein.kind":"object-id"}},
                  {"name":"objectVersion","type":"int"},
                  {"name":"owner","type":{"type":"string","bronsein.kind":"participant-id"}},
                  {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"priority","type":"int","default":0}]}""");
        GenericRecord written = new GenericData.Record(later);
        written.put("objectType", "case");
        written.put("objectId", "case-1");
        written.put("objectVersion", 2);
        written.put("owner", MUNICIPALITY);
        written.put("occurredAt", 1_700_000_000_000L);
        written.put("priority", 7);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), later).encode(written).array());

        ObjectChanged read = new NotificationCodec(List.of(later)).decode(bytes, ObjectChanged.class);

        assertThat(read).isEqualTo(new ObjectChanged("case", "case-1", 2, MUNICIPALITY,
                Instant.ofEpochMilli(1_700_000_000_000L)));
    }

    @Test
    void refusesBodiesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(UndecodableNotificationException.class)
                .hasMessage("body is not Avro single-object encoded");
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(UndecodableNotificationException.class);
    }

    @Test
    void refusesATruncatedBody() {
        byte[] bytes = codec.encode(body("referral", GP));
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UndecodableNotificationException.class);
    }

    @Test
    void refusesADecodedBodyOfTheWrongType() throws IOException {
        // a body of the retired line, as a dump of the first network would hold it, known to the store
        Schema.Parser parser = new Schema.Parser();
        parser.parse(retired("ObjectReference-1.avsc"));
        Schema caseChanged = parser.parse(retired("CaseChanged-2.avsc"));
        GenericRecord old = new GenericData.Record(caseChanged);
        old.put("objectId", "c-1");
        old.put("objectVersion", 1);
        old.put("status", new GenericData.EnumSymbol(caseChanged.getField("status").schema(), "RECEIVED"));
        old.put("owner", MUNICIPALITY);
        old.put("concerns", List.of(GP));
        old.put("related", List.of());
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("change", new GenericData.EnumSymbol(caseChanged.getField("change").schema(), "STATUS_CHANGED"));
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), caseChanged).encode(old).array());

        assertThatThrownBy(() -> new NotificationCodec(List.of(caseChanged)).decode(bytes, ObjectChanged.class))
                .isInstanceOf(UndecodableNotificationException.class)
                .hasMessage("body schema nl.bronsein.schemas.CaseChanged is not in the catalogue");
        // without it, a retired body is simply unknown: the first network's records are not read as notifications
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(UndecodableNotificationException.class)
                .hasMessageStartingWith("unknown schema fingerprint");
    }

    private static ObjectChanged body(String objectType, String owner) {
        return new ObjectChanged(objectType, java.util.UUID.randomUUID().toString(), 1, owner,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static String retired(String file) throws IOException {
        try (java.io.InputStream in = NotificationCodecTest.class.getResourceAsStream("/nl/bronsein/schemas/retired/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static byte[] toBytes(byte[] array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(array);
        return out.toByteArray();
    }
}
