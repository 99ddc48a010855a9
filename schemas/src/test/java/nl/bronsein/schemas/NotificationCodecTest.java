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
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class NotificationCodecTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final String PROVIDER = "urn:nld:kvk:87654321";

    private final NotificationCodec codec = new NotificationCodec();

    @Test
    void roundTripsEveryBodyTypeThroughSingleObjectEncoding() {
        ReferralChanged referral = ReferralChanged.newBuilder()
                .setObjectId("7f1b6a1e-2d7c-4a55-9a3e-1f0c2b9d8e77").setObjectVersion(1)
                .setChange(ReferralChange.RECORDED).setOwner(GP).setConcerns(List.of(MUNICIPALITY))
                .setRelated(List.of()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
        CaseChanged caseChanged = CaseChanged.newBuilder()
                .setObjectId("0a8e3c4b-6f1d-4e2a-8b7c-5d9e0f1a2b3c").setObjectVersion(2)
                .setStatus(CaseStatus.PICKED_UP).setOwner(MUNICIPALITY).setConcerns(List.of(GP))
                .setRelated(List.of(new ObjectReference(GP, "referral", referral.getObjectId())))
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();

        AssignmentChanged assignment = AssignmentChanged.newBuilder()
                .setObjectId("5b7c1d2e-3f40-4a51-8b62-7c83d94e0f15").setObjectVersion(3)
                .setStatus(AssignmentStatus.CARE_STARTED).setOwner(PROVIDER).setConcerns(List.of(MUNICIPALITY, GP))
                .setRelated(List.of(new ObjectReference(MUNICIPALITY, "case", caseChanged.getObjectId())))
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
        ContactPointChanged contactPoint = ContactPointChanged.newBuilder()
                .setObjectId("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a").setObjectVersion(1).setOwner(MUNICIPALITY)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();

        byte[] referralBytes = codec.encode(referral);
        byte[] caseBytes = codec.encode(caseChanged);
        assertThat(codec.decode(codec.encode(assignment))).isEqualTo(assignment);
        assertThat(codec.decode(codec.encode(contactPoint))).isEqualTo(contactPoint);

        assertThat(referralBytes[0]).isEqualTo((byte) 0xC3);
        assertThat(referralBytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(referralBytes)).isEqualTo(referral);
        assertThat(codec.decode(caseBytes, CaseChanged.class)).isEqualTo(caseChanged);
    }

    @Test
    void decodesABodyWrittenWithAnOlderWriterSchemaKnownToTheStore() throws IOException {
        // An older release of CaseChanged: no "related" field yet, and fewer status symbols.
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"CaseChanged","namespace":"nl.bronsein.schemas","fields":[
                  {"name":"objectId","type":{"type":"string","bronsein.kind":"object-id"}},
                  {"name":"objectVersion","type":"int"},
                  {"name":"status","type":{"type":"enum","name":"CaseStatus","symbols":["UNKNOWN","RECEIVED"],"default":"UNKNOWN"}},
                  {"name":"owner","type":{"type":"string","bronsein.kind":"participant-id"}},
                  {"name":"concerns","type":{"type":"array","items":{"type":"string","bronsein.kind":"participant-id"}}},
                  {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord written = new GenericData.Record(older);
        written.put("objectId", "case-1");
        written.put("objectVersion", 1);
        written.put("status", new GenericData.EnumSymbol(older.getField("status").schema(), "RECEIVED"));
        written.put("owner", MUNICIPALITY);
        written.put("concerns", List.of(GP));
        written.put("occurredAt", 1_700_000_000_000L);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(written).array());

        NotificationCodec withOlderRelease = new NotificationCodec(List.of(older));
        CaseChanged read = withOlderRelease.decode(bytes, CaseChanged.class);

        assertThat(read.getObjectId()).isEqualTo("case-1");
        assertThat(read.getStatus()).isEqualTo(CaseStatus.RECEIVED);
        assertThat(read.getRelated()).isEmpty();
        assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        // The codec without that release does not guess: the fingerprint is unknown to it.
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(UndecodableNotificationException.class)
                .hasMessageStartingWith("unknown schema fingerprint");
    }

    @Test
    void aCaseBodyOfTheFirstReleaseReadsAsAnUnknownKindOfChange() throws IOException {
        Schema first = NotificationCodec.releasedSchemas().get(NotificationCodec.RELEASED_SCHEMAS.indexOf("CaseChanged-1.avsc"));
        GenericRecord written = new GenericData.Record(first);
        written.put("objectId", "case-1");
        written.put("objectVersion", 2);
        written.put("status", new GenericData.EnumSymbol(first.getField("status").schema(), "PICKED_UP"));
        written.put("owner", MUNICIPALITY);
        written.put("concerns", List.of(GP));
        written.put("related", List.of());
        written.put("occurredAt", 1_700_000_000_000L);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(written).array());

        CaseChanged read = codec.decode(bytes, CaseChanged.class);

        assertThat(read.getStatus()).isEqualTo(CaseStatus.PICKED_UP);
        assertThat(read.getChange()).isEqualTo(CaseChange.UNKNOWN);
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
        ReferralChanged referral = ReferralChanged.newBuilder()
                .setObjectId("r-1").setObjectVersion(1).setChange(ReferralChange.RECORDED).setOwner(GP)
                .setConcerns(List.of(MUNICIPALITY)).setOccurredAt(Instant.now()).build();
        byte[] bytes = codec.encode(referral);
        byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UndecodableNotificationException.class);
    }

    @Test
    void refusesADecodedBodyOfTheWrongType() {
        ReferralChanged referral = ReferralChanged.newBuilder()
                .setObjectId("r-1").setObjectVersion(1).setChange(ReferralChange.RECORDED).setOwner(GP)
                .setConcerns(List.of(MUNICIPALITY)).setOccurredAt(Instant.now()).build();
        assertThatThrownBy(() -> codec.decode(codec.encode(referral), CaseChanged.class))
                .isInstanceOf(UndecodableNotificationException.class)
                .hasMessage("expected a CaseChanged body, got ReferralChanged");
    }

    private static byte[] toBytes(byte[] array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(array);
        return out.toByteArray();
    }
}
