package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import nl.bronsein.schemas.NotificationCodec;
import nl.bronsein.schemas.ObjectChanged;
import tools.jackson.databind.JsonNode;

/**
 * The notification scan passes what the network writes now and fails on what it wrote before issue 16: a status, the
 * participants concerned and the related referral in the body, or a header naming someone else.
 */
class NotificationMetadataScanTest {

    private static final String GP = Participants.GP.urn;
    private static final String MUNICIPALITY = Participants.MUNICIPALITY.urn;

    @Test
    void aNotificationOfTheFactsPasses() {
        byte[] body = new NotificationCodec().encode(new ObjectChanged("case", "c-1", 2, MUNICIPALITY, Instant.now()));

        assertThat(new NotificationMetadataScan(new NotificationCodec()).check(line(body, headers()))).isEmpty();
    }

    @Test
    void aBodyOfTheFirstNetworkFailsOnItsStatusItsConcernsAndItsRelatedReferral() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(resource("ObjectReference-1.avsc"));
        Schema caseChanged = parser.parse(resource("CaseChanged-2.avsc"));
        GenericRecord reference = new GenericData.Record(caseChanged.getField("related").schema().getElementType());
        reference.put("owner", GP);
        reference.put("objectType", "referral");
        reference.put("objectId", "r-1");
        GenericRecord old = new GenericData.Record(caseChanged);
        old.put("objectId", "c-1");
        old.put("objectVersion", 2);
        old.put("status", new GenericData.EnumSymbol(caseChanged.getField("status").schema(), "PICKED_UP"));
        old.put("owner", MUNICIPALITY);
        old.put("concerns", List.of(GP));
        old.put("related", List.of(reference));
        old.put("occurredAt", Instant.now().toEpochMilli());
        old.put("change", new GenericData.EnumSymbol(caseChanged.getField("change").schema(), "STATUS_CHANGED"));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), caseChanged).encode(old);
        byte[] body = new byte[encoded.remaining()];
        encoded.get(body);

        List<String> problems = new NotificationMetadataScan(new NotificationCodec(List.of(caseChanged)))
                .check(line(body, headers()));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("body.status", "a field that tells more"))
                .anySatisfy(p -> assertThat(p).isEqualTo("body.status is a status: PICKED_UP"))
                .anySatisfy(p -> assertThat(p).contains("body.concerns[] names another participant than its source: " + GP))
                .anySatisfy(p -> assertThat(p).contains("body.related[].owner names another participant than its source"));
    }

    @Test
    void aHeaderWithAStatusOrAnotherParticipantFails() {
        byte[] body = new NotificationCodec().encode(new ObjectChanged("case", "c-1", 2, MUNICIPALITY, Instant.now()));
        Map<String, String> headers = headers();
        headers.put("ce_status", "care_started");
        headers.put("ce_recipient", GP);

        assertThat(new NotificationMetadataScan(new NotificationCodec()).check(line(body, headers)))
                .containsExactlyInAnyOrder("header ce_status is a status: care_started",
                        "header ce_recipient names another participant than its source: " + GP);
    }

    /** A question's or an answer's status is as much the owner's to answer on a pull as a case's (issue 18). */
    @Test
    void aQuestionsOrAnAnswersStatusInAHeaderFailsAndTheirFactsPass() {
        Map<String, String> headers = headers();
        headers.put("ce_type", "nl.bronsein.answer.refused.v2");
        headers.put("ce_question", "open");
        headers.put("ce_outcome", "REFUSED");
        byte[] answer = new NotificationCodec().encode(new ObjectChanged("answer", "a-1", 1, MUNICIPALITY, Instant.now()));

        assertThat(new NotificationMetadataScan(new NotificationCodec()).check(line(answer, headers)))
                .containsExactlyInAnyOrder("header ce_question is a status: open",
                        "header ce_outcome is a status: REFUSED");
        assertThat(new NotificationMetadataScan(new NotificationCodec()).check(line(new NotificationCodec().encode(
                new ObjectChanged("question", "q-1", 2, MUNICIPALITY, Instant.now())), headers()))).isEmpty();
    }

    @Test
    void anInvolvementNotificationOfTheFactsPassesAndOneTellingItsStatusOrThePracticeFails() {
        byte[] body = new NotificationCodec().encode(new ObjectChanged("involvement", "i-1", 3, MUNICIPALITY, Instant.now()));
        Map<String, String> headers = headers();
        headers.put("ce_type", "nl.bronsein.involvement.ended.v2");
        headers.put("ce_dataref", "https://localhost:9443/network/v1/objects/involvement/i-1");
        NotificationMetadataScan scan = new NotificationMetadataScan(new NotificationCodec());
        assertThat(scan.check(line(body, headers))).isEmpty();

        headers.put("ce_involvementstatus", "ENDED");
        headers.put("ce_practice", GP);

        assertThat(scan.check(line(body, headers))).containsExactlyInAnyOrder(
                "header ce_involvementstatus is a status: ENDED",
                "header ce_practice names another participant than its source: " + GP);
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_source", MUNICIPALITY);
        headers.put("ce_type", "nl.bronsein.case.status-changed.v2");
        headers.put("ce_dataref", "https://localhost:9443/network/v1/objects/case/c-1");
        return headers;
    }

    private static JsonNode line(byte[] body, Map<String, String> headers) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", Participants.GP.inbox());
        line.put("offset", 7);
        line.put("headers", headers);
        line.put("value_base64", Base64.getEncoder().encodeToString(body));
        return TestNetwork.JSON.valueToTree(line);
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = NotificationMetadataScanTest.class.getResourceAsStream("/nl/bronsein/schemas/retired/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
