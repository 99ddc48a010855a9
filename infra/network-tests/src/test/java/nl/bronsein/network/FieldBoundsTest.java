package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.gp.referral.ReferralDraft;
import tools.jackson.databind.JsonNode;

/**
 * The length table: every text field of every staff-API body against the column it is stored in. The bound is read
 * from the database itself ({@code information_schema.columns}), so the forms' bounds and the columns cannot drift: a
 * value at the column's length is accepted and stored as sent, one character more is refused with 400 naming the
 * field (never a 500 from the database), and a refused value writes nothing. Runs on H2 and on PostgreSQL.
 *
 * <p>The values are not plain ASCII ({@code ë}, 2 bytes in UTF-8): a column's length counts characters on both
 * databases. Fields whose pattern keeps them well inside their column (the BSN, the postal code) and participant ids
 * (only listed participants are accepted, none of whose ids is that long) are checked past the bound only.
 */
class FieldBoundsTest {

    private TestNetwork network;
    private Chain chain;

    @BeforeAll
    void start() throws Exception {
        network = new TestNetwork().startNodes();
        chain = new Chain(network);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    /** How a valid value of a given length looks for a field. */
    enum Kind {
        TEXT, PHONE, EMAIL,
        /** One purpose code of a consent; the codes are stored joined by commas in one column. */
        PURPOSE,
        /** A participant id: only listed participants are accepted. */
        LISTED,
        /** A pattern bounds it below its column. */
        PATTERN
    }

    /** A text field of a body (its JSON path, as the refusal names it) and the column it is stored in. */
    record Field(String path, String table, String column, Kind kind) {

        boolean acceptedAtBound() {
            return kind != Kind.LISTED && kind != Kind.PATTERN;
        }
    }

    private static final List<Field> CITIZEN = List.of(
            new Field("citizen.bsn", "referral", "citizen_bsn", Kind.PATTERN),
            new Field("citizen.name", "referral", "citizen_name", Kind.TEXT),
            new Field("citizen.phone", "referral", "citizen_phone", Kind.PHONE),
            new Field("citizen.address.street", "referral", "address_street", Kind.TEXT),
            new Field("citizen.address.houseNumber", "referral", "address_house_number", Kind.TEXT),
            new Field("citizen.address.postalCode", "referral", "address_postal_code", Kind.PATTERN),
            new Field("citizen.address.city", "referral", "address_city", Kind.TEXT),
            new Field("requestedSupport", "referral", "requested_support", Kind.TEXT),
            new Field("problemAnalysis", "referral", "problem_analysis", Kind.TEXT),
            new Field("contactPoint.name", "referral", "contact_point_name", Kind.TEXT),
            new Field("contactPoint.phone", "referral", "contact_point_phone", Kind.PHONE),
            new Field("contactPoint.email", "referral", "contact_point_email", Kind.EMAIL));

    private static final List<Field> CONTACT_PERSON = List.of(
            new Field("name", "referral", "contact_person_name", Kind.TEXT),
            new Field("relation", "referral", "contact_person_relation", Kind.TEXT),
            new Field("phone", "referral", "contact_person_phone", Kind.PHONE));

    private static final List<Field> REFERRAL = concat(CITIZEN, prefixed("contactPerson.", CONTACT_PERSON), List.of(
            new Field("consent.documentReference", "consent_record", "document_reference", Kind.TEXT),
            new Field("consent.purposes[1]", "consent_record", "purposes", Kind.PURPOSE),
            new Field("addressee", "referral", "addressee", Kind.LISTED)));

    private static final List<Field> CONTACT_POINT = List.of(
            new Field("name", "contact_point_entry", "name", Kind.TEXT),
            new Field("phone", "contact_point_entry", "phone", Kind.PHONE),
            new Field("email", "contact_point_entry", "email", Kind.EMAIL));

    @Test
    void referralsAreBoundedByTheirColumns() {
        Map<String, Object> valid = Referrals.deVries(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
        refusedPastEachBound(Participants.GP, "POST", "/api/v1/referrals", valid, REFERRAL);
        Map<String, Object> tooMany = with(valid, "consent.purposes", purposes(ReferralDraft.Consent.MAX_PURPOSES + 1, 5));
        assertRefused(network.staffPost(Participants.GP, "/api/v1/referrals", json(tooMany)), "consent.purposes");

        // every field at its bound at once, and a consent with as many purposes as there may be, each as long as it may be
        Map<String, Object> atBound = atBound(Participants.GP, valid, REFERRAL);
        int purposeBound = bound(Participants.GP, new Field("consent.purposes[1]", "consent_record", "purposes", Kind.PURPOSE));
        atBound = with(atBound, "consent.purposes", purposes(ReferralDraft.Consent.MAX_PURPOSES, purposeBound));
        HttpResponse<String> recorded = network.staffPost(Participants.GP, "/api/v1/referrals", json(atBound));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        UUID referral = UUID.fromString(TestNetwork.JSON.readTree(recorded.body()).path("id").asString());
        assertStored(Participants.GP, atBound, REFERRAL, table -> table.equals("consent_record")
                ? "id = (select consent_id from referral where id = :id)" : "id = :id", referral);

        Map<String, Object> correction = new LinkedHashMap<>(valid);
        correction.keySet().retainAll(Set.of("citizen", "requestedSupport", "problemAnalysis", "urgency", "contactPoint"));
        String path = "/api/v1/referrals/" + referral;
        refusedPastEachBound(Participants.GP, "PUT", path, correction, CITIZEN);
        Map<String, Object> correctedAtBound = atBound(Participants.GP, correction, CITIZEN);
        HttpResponse<String> corrected = network.staffPut(Participants.GP, path, json(correctedAtBound));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertStored(Participants.GP, correctedAtBound, CITIZEN, table -> "id = :id", referral);

        Map<String, Object> contactPerson = Map.of("name", Referrals.CONTACT_PERSON, "relation", "dochter",
                "phone", Referrals.CONTACT_PERSON_PHONE);
        refusedPastEachBound(Participants.GP, "PUT", path + "/contact-person", contactPerson, CONTACT_PERSON);
        Map<String, Object> personAtBound = atBound(Participants.GP, contactPerson, CONTACT_PERSON);
        HttpResponse<String> changed = network.staffPut(Participants.GP, path + "/contact-person", json(personAtBound));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertStored(Participants.GP, personAtBound, CONTACT_PERSON, table -> "id = :id", referral);
    }

    @Test
    void caseStepsAreBoundedByTheirColumns() {
        Participants m = Participants.MUNICIPALITY;
        String contactPoint = network.publishContactPoint(m, "Wijkteam Noord", "038-4981234");
        UUID decided = UUID.fromString(chain.awaitCase(chain.referToMunicipality()));
        UUID returned = UUID.fromString(chain.awaitCase(chain.referToMunicipality()));
        UUID closed = UUID.fromString(chain.awaitCase(chain.referToMunicipality()));
        chain.pickUp(decided.toString(), contactPoint);

        List<Field> decision = List.of(
                new Field("productCategory", "intake_case", "decision_product_category", Kind.TEXT),
                new Field("reason", "intake_case", "decision_reason", Kind.TEXT),
                new Field("generalProvision", "intake_case", "decision_general_provision", Kind.TEXT));
        List<Field> conclusion = List.of(new Field("conclusion", "intake_case", "conclusion", Kind.TEXT));
        List<Field> returning = List.of(new Field("municipality", "intake_case", "returned_to", Kind.LISTED),
                new Field("reason", "intake_case", "return_reason", Kind.TEXT));
        List<Field> closing = List.of(new Field("reason", "intake_case", "close_reason", Kind.TEXT));
        List<Field> assigning = List.of(new Field("provider", "intake_case", "assigned_provider", Kind.LISTED));

        String at = "/api/v1/cases/" + decided;
        Map<String, Object> granted = Map.of("outcome", "GRANTED", "productCategory", "rolstoel", "reason", "Indicatie",
                "generalProvision", "Boodschappendienst");
        refusedPastEachBound(m, "POST", at + "/decide", granted, decision);
        refusedPastEachBound(m, "POST", at + "/assign", Map.of("provider", Participants.PROVIDER.urn), assigning);
        refusedPastEachBound(m, "POST", at + "/conclude", Map.of("conclusion", "Afgerond"), conclusion);
        Map<String, Object> returnTo = Map.of("municipality", Participants.OTHER_MUNICIPALITY.urn, "reason", "Woont elders");
        refusedPastEachBound(m, "POST", at + "/return", returnTo, returning);
        refusedPastEachBound(m, "POST", at + "/close", Map.of("reason", "Ziet af van hulp"), closing);

        // declined, so that it may conclude without an assignment; every field of the decision is stored all the same
        storedAtBound(m, at + "/decide", Map.of("outcome", "DECLINED"), decision, decided);
        storedAtBound(m, at + "/conclude", Map.of("conclusion", "Afgerond"), conclusion, decided);
        storedAtBound(m, "/api/v1/cases/" + returned + "/return", returnTo, returning, returned);
        storedAtBound(m, "/api/v1/cases/" + closed + "/close", Map.of("reason", "Ziet af van hulp"), closing, closed);
    }

    @Test
    void assignmentStepsAreBoundedByTheirColumns() {
        Participants p = Participants.PROVIDER;
        UUID declined = UUID.fromString(chain.awaitAssignment(chain.refer(p.urn, List.of("intake", "referral-feedback"))));
        UUID ended = UUID.fromString(chain.awaitAssignment(chain.refer(p.urn, List.of("intake", "referral-feedback"))));
        List<Field> decline = List.of(new Field("reason", "assignment", "decline_reason", Kind.TEXT));
        List<Field> endCare = List.of(new Field("reason", "assignment", "care_end_reason", Kind.TEXT));

        refusedPastEachBound(p, "POST", "/api/v1/assignments/" + declined + "/decline", Map.of("reason", "Vol"), decline);
        refusedPastEachBound(p, "POST", "/api/v1/assignments/" + ended + "/end-care", Map.of("reason", "Klaar"), endCare);

        storedAtBound(p, "/api/v1/assignments/" + declined + "/decline", Map.of("reason", "Vol"), decline, declined);
        chain.accept(ended.toString());
        chain.startCare(ended.toString());
        storedAtBound(p, "/api/v1/assignments/" + ended + "/end-care", Map.of("reason", "Klaar"), endCare, ended);
    }

    /** Refused past its columns before anything is looked up: the assignment named need not exist. */
    @Test
    void assignmentRequestsAreBoundedByTheirColumns() {
        Map<String, Object> valid = Map.of("assignment", UUID.randomUUID().toString(),
                "municipality", Participants.MUNICIPALITY.urn, "productCategory", "45A11 Jeugdhulp ambulant");
        refusedPastEachBound(Participants.PROVIDER, "POST", "/api/v1/assignment-requests", valid, List.of(
                new Field("productCategory", "assignment_request", "product_category", Kind.TEXT),
                new Field("municipality", "assignment_request", "municipality", Kind.LISTED)));
        refusedPastEachBound(Participants.PROVIDER, "PUT", "/api/v1/assignment-requests/" + UUID.randomUUID(),
                Map.of("productCategory", "45A12"),
                List.of(new Field("productCategory", "assignment_request", "product_category", Kind.TEXT)));
    }

    @Test
    void contactPointsAreBoundedByTheirColumns() {
        Participants p = Participants.PROVIDER;
        Map<String, Object> valid = Map.of("name", "Planning", "phone", "038-4981234", "email", "planning@zorg.example");
        refusedPastEachBound(p, "POST", "/api/v1/contact-points", valid, CONTACT_POINT);
        Map<String, Object> atBound = atBound(p, valid, CONTACT_POINT);
        HttpResponse<String> published = network.staffPost(p, "/api/v1/contact-points", json(atBound));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        UUID id = UUID.fromString(TestNetwork.JSON.readTree(published.body()).path("id").asString());
        String latest = "contact_point_id = :id and seq = (select max(seq) from contact_point_entry where contact_point_id = :id)";
        assertStored(p, atBound, CONTACT_POINT, table -> latest, id);

        String changes = "/api/v1/contact-points/" + id + "/changes";
        refusedPastEachBound(p, "POST", changes, valid, CONTACT_POINT);
        storedAtBound(p, changes, Map.of("name", "Planning", "phone", "+31384981234"), CONTACT_POINT, id, latest);
    }

    @Test
    void involvementsAreBoundedByTheirColumns() {
        Participants m = Participants.MUNICIPALITY;
        String wijkteam = network.publishContactPoint(m, "Wijkteam Zuid", "038-4981234");
        Map<String, Object> correction = Map.of("citizen", Map.of("bsn", TestCitizens.JANSEN_BSN, "name",
                TestCitizens.JANSEN, "birthDate", TestCitizens.JANSEN_BIRTH_DATE), "since", "2026-11-02",
                "contactPointId", wijkteam, "gpPractice", Participants.GP.urn);
        Map<String, Object> valid = with(correction, "consent", Map.of("givenAt", "2026-11-01T09:00:00Z", "form", "ORAL",
                "purposes", List.of("care-coordination")));
        List<Field> details = List.of(
                new Field("citizen.bsn", "involvement", "bsn", Kind.PATTERN),
                new Field("citizen.name", "involvement", "citizen_name", Kind.TEXT),
                new Field("gpPractice", "involvement", "gp_practice", Kind.LISTED));
        List<Field> started = concat(details, List.of(
                new Field("consent.purposes[1]", "involvement", "consent_purposes", Kind.PURPOSE)));

        boundedWhenCreatedAndCorrected(m, "/api/v1/involvements", "id", valid, started, correction, details);
    }

    /**
     * The question's text against its column; its purpose against what a consent can hold, not its column: a purpose
     * longer than a consent's could never be covered, so the practice could only refuse it.
     */
    @Test
    void questionsAndAnswersAreBoundedByTheirColumnsAndThePurposeByAConsentsPurpose() {
        Participants m = Participants.MUNICIPALITY;
        String caseId = chain.awaitCase(chain.referToMunicipality());
        String answerBy = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(7).toString();
        Map<String, Object> valid = Map.of("caseId", caseId, "purpose", "intake", "question", "Woont zij alleen?",
                "answerBy", answerBy);
        List<Field> asking = List.of(new Field("question", "question", "question", Kind.TEXT));

        refusedPastEachBound(m, "POST", "/api/v1/questions", valid, asking);
        int purposeBound = ReferralDraft.Consent.MAX_PURPOSE_LENGTH;
        Map<String, Object> purposeTooLong = with(valid, "purpose", "a".repeat(purposeBound + 1));
        long questions = jdbc(m).sql("select count(*) from question").query(Long.class).single();
        assertRefused(network.staffPost(m, "/api/v1/questions", json(purposeTooLong)), "purpose");
        assertThat(jdbc(m).sql("select count(*) from question").query(Long.class).single()).isEqualTo(questions);

        Map<String, Object> atBound = with(atBound(m, valid, asking), "purpose", "a".repeat(purposeBound));
        HttpResponse<String> asked = network.staffPost(m, "/api/v1/questions", json(atBound));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        UUID answered = UUID.fromString(TestNetwork.JSON.readTree(asked.body()).path("id").asString());
        assertStored(m, atBound, asking, table -> "id = :id", answered);
        assertThat(jdbc(m).sql("select purpose from question where id = :id").param("id", answered).query(String.class)
                .single()).isEqualTo("a".repeat(purposeBound));

        // at the practice, a question within the consent (intake) to answer, and another to refuse
        answered = ask(valid);
        UUID refused = ask(valid);
        List<Field> answer = List.of(new Field("answer", "answer", "answer", Kind.TEXT));
        List<Field> refusal = List.of(new Field("reason", "answer", "refusal_reason", Kind.TEXT));
        Participants gp = Participants.GP;
        refusedPastEachBound(gp, "POST", "/api/v1/questions/" + answered + "/answer", Map.of("answer", "Ja."), answer);
        refusedPastEachBound(gp, "POST", "/api/v1/questions/" + refused + "/refuse", Map.of("reason", "Nee."), refusal);
        String ofQuestion = "question_id = cast(:id as varchar(64))";
        storedAtBound(gp, "/api/v1/questions/" + answered + "/answer", Map.of("answer", "Ja."), answer, answered, ofQuestion);
        storedAtBound(gp, "/api/v1/questions/" + refused + "/refuse", Map.of("reason", "Nee."), refusal, refused, ofQuestion);
        // the municipality settles both as it pulls the answers: let it, before another test pictures its outbox
        for (UUID settled : List.of(answered, refused)) {
            chain.awaitValue(() -> network.staffGetJson(m, "/api/v1/questions/" + settled).path("question").path("status")
                    .asString(), status -> !status.equals("OPEN"));
        }
    }

    /** A question the practice has pulled, so that it may answer or refuse it. */
    private UUID ask(Map<String, Object> body) {
        HttpResponse<String> asked = network.staffPost(Participants.MUNICIPALITY, "/api/v1/questions", json(body));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        String id = TestNetwork.JSON.readTree(asked.body()).path("id").asString();
        chain.awaitValue(() -> network.staffGet(Participants.GP, "/api/v1/questions/" + id).statusCode(), s -> s == 200);
        return UUID.fromString(id);
    }

    @Test
    void catalogueServicesAreBoundedByTheirColumns() {
        Participants m = Participants.MUNICIPALITY;
        Map<String, Object> valid = Map.of("name", "Dagbesteding", "kind", "GENERAL_PROVISION", "description", "Overdag",
                "providers", List.of(Participants.PROVIDER.urn), "effectiveFrom", "2026-01-01");
        List<Field> service = List.of(
                new Field("name", "catalogue_service", "name", Kind.TEXT),
                new Field("description", "catalogue_service", "description", Kind.TEXT),
                new Field("providers[0]", "catalogue_service", "providers", Kind.LISTED));

        // the view names the service's id objectId
        boundedWhenCreatedAndCorrected(m, "/api/v1/catalogue/services", "objectId", valid, service,
                with(valid, "description", "Ook op zaterdag"), service);
    }

    /**
     * The processing log's search against the columns it searches: a party or a purpose longer than its column could
     * match nothing, so it is refused (400 naming it), and at its bound it is searched; a BSN is its pattern. A refused
     * search is no read of the log, so the log gains no record of it; a search at the bound gains one. Counted by the
     * reads alone: the node's other records (pulls by the others) may grow meanwhile.
     */
    @Test
    void processingLogSearchesAreBoundedByTheColumnsTheySearch() {
        Participants p = Participants.PROVIDER;
        String search = "/api/v1/processing-records/search";
        Map<String, Object> valid = Map.of("bsn", TestCitizens.JANSEN_BSN, "party", Participants.MUNICIPALITY.urn,
                "purpose", "intake");
        List<Field> criteria = List.of(new Field("party", "audit_record", "caller", Kind.TEXT),
                new Field("purpose", "audit_record", "purpose", Kind.TEXT));
        String reads = "select count(*) from audit_record where name = 'processing-log-read'";
        long before = jdbc(p).sql(reads).query(Long.class).single();

        for (Field field : criteria) {
            assertRefused(network.staffPost(p, search, json(with(valid, field.path(), value(field, bound(p, field) + 1)))),
                    field.path());
        }
        assertRefused(network.staffPost(p, search, json(with(valid, "bsn", "9".repeat(10)))), "bsn");
        assertThat(jdbc(p).sql(reads).query(Long.class).single()).as("records of refused searches").isEqualTo(before);

        HttpResponse<String> searched = network.staffPost(p, search, json(atBound(p, valid, criteria)));
        assertThat(searched.statusCode()).as(searched.body()).isEqualTo(200);
        assertThat(jdbc(p).sql(reads).query(Long.class).single()).isEqualTo(before + 1);
    }

    /**
     * An object created by POST to {@code path} and corrected by PUT to its own, both with the table's two rules: past
     * each bound refused, all at their bound stored as sent (in the object's row, {@code id}).
     */
    private void boundedWhenCreatedAndCorrected(Participants node, String path, String idField, Map<String, Object> created,
                                                List<Field> createdFields, Map<String, Object> correction,
                                                List<Field> correctedFields) {
        refusedPastEachBound(node, "POST", path, created, createdFields);
        Map<String, Object> atBound = atBound(node, created, createdFields);
        HttpResponse<String> response = network.staffPost(node, path, json(atBound));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        UUID id = UUID.fromString(TestNetwork.JSON.readTree(response.body()).path(idField).asString());
        assertStored(node, atBound, createdFields, table -> "id = :id", id);

        String own = path + "/" + id;
        refusedPastEachBound(node, "PUT", own, correction, correctedFields);
        Map<String, Object> correctedAtBound = atBound(node, correction, correctedFields);
        HttpResponse<String> corrected = network.staffPut(node, own, json(correctedAtBound));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertStored(node, correctedAtBound, correctedFields, table -> "id = :id", id);
    }

    // --- the table's two rules -------------------------------------------------------------------------------------

    /** Each field one character past its bound, the others valid: 400 naming that field alone, and nothing written. */
    private void refusedPastEachBound(Participants node, String method, String path, Map<String, Object> valid,
                                      List<Field> fields) {
        Map<String, List<String>> before = picture(node, fields);
        SoftAssertions softly = new SoftAssertions();
        for (Field field : fields) {
            Map<String, Object> body = with(valid, field.path(), value(field, bound(node, field) + 1));
            HttpResponse<String> response = network.staffRequest(node, method, path, json(body), network.staffToken(node));
            softly.assertThat(response.statusCode()).as("%s %s with %s past its bound: %s", method, path, field.path(),
                    response.body()).isEqualTo(400);
            if (response.statusCode() == 400) {
                softly.assertThat(errorFields(response)).as("the fields %s %s names", method, path)
                        .containsExactly(field.path());
            }
        }
        softly.assertAll();
        // the node keeps working meanwhile (publishing, handling notifications): the tables of the fields must not change
        assertThat(picture(node, fields)).as("the tables and outbox after refused requests").isEqualTo(before);
    }

    /** The rows of the fields' tables, and the outbox's events. */
    private Map<String, List<String>> picture(Participants node, List<Field> fields) {
        Map<String, List<String>> picture = new java.util.TreeMap<>();
        fields.stream().map(Field::table).distinct().forEach(table -> picture.put(table, jdbc(node).sql("select * from " + table)
                .query().listOfRows().stream().map(Object::toString).sorted().toList()));
        picture.put("outbox_entry", jdbc(node).sql("select cast(event_id as varchar(36)) from outbox_entry")
                .query(String.class).list().stream().sorted().toList());
        return picture;
    }

    private void storedAtBound(Participants node, String path, Map<String, Object> valid, List<Field> fields, UUID id) {
        storedAtBound(node, path, valid, fields, id, "id = :id");
    }

    /** Every field at its bound at once: accepted, and each stored as sent. */
    private void storedAtBound(Participants node, String path, Map<String, Object> valid, List<Field> fields, UUID id,
                               String where) {
        Map<String, Object> body = atBound(node, valid, fields);
        HttpResponse<String> response = network.staffPost(node, path, json(body));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertStored(node, body, fields, table -> where, id);
    }

    private Map<String, Object> atBound(Participants node, Map<String, Object> valid, List<Field> fields) {
        Map<String, Object> body = valid;
        for (Field field : fields) {
            if (field.acceptedAtBound()) {
                body = with(body, field.path(), value(field, bound(node, field)));
            }
        }
        return body;
    }

    private void assertStored(Participants node, Map<String, Object> body, List<Field> fields,
                              java.util.function.Function<String, String> where, UUID id) {
        SoftAssertions softly = new SoftAssertions();
        for (Field field : fields) {
            if (!field.acceptedAtBound()) {
                continue;
            }
            String sent = (String) at(body, field.path());
            String stored = jdbc(node).sql("select " + field.column() + " from " + field.table() + " where "
                    + where.apply(field.table())).param("id", id).query(String.class).single();
            if (field.kind() == Kind.PURPOSE) {
                softly.assertThat(Arrays.asList(stored.split(","))).as(field.path()).contains(sent);
            } else {
                softly.assertThat(stored).as(field.path()).isEqualTo(sent);
            }
            softly.assertThat(sent).as(field.path() + " at its bound").hasSize(bound(node, field));
        }
        softly.assertAll();
    }

    // --- bounds and values -----------------------------------------------------------------------------------------

    /** The column's length; for a purpose, the longest code of which the most a consent may have fit the column. */
    private int bound(Participants node, Field field) {
        Integer length = jdbc(node).sql("select character_maximum_length from information_schema.columns"
                        + " where lower(table_schema) = 'public' and lower(table_name) = :table and lower(column_name) = :column")
                .param("table", field.table()).param("column", field.column()).query(Integer.class).single();
        assertThat(length).as(field.table() + "." + field.column()).isNotNull();
        return field.kind() == Kind.PURPOSE ? (length + 1) / ReferralDraft.Consent.MAX_PURPOSES - 1 : length;
    }

    private static Object value(Field field, int length) {
        return switch (field.kind()) {
            case TEXT, LISTED -> text(length);
            case PHONE -> "+3" + "1".repeat(length - 2);
            case EMAIL -> email(length);
            case PURPOSE -> "a".repeat(length);
            case PATTERN -> "9".repeat(length);
        };
    }

    /** Text with a character of two UTF-8 bytes, exactly {@code length} characters. */
    private static String text(int length) {
        return "Zoë-".repeat(length / 4 + 1).substring(0, length);
    }

    /** A valid address of exactly {@code length} characters: a local part of 64 and labels of at most 63. */
    private static String email(int length) {
        StringBuilder domain = new StringBuilder();
        int rest = length - 65 - ".nl".length();
        while (rest > 0) {
            int label = Math.min(63, rest);
            if (rest - label == 1) {
                label--;
            }
            domain.append("b".repeat(label));
            rest -= label;
            if (rest > 0) {
                domain.append('.');
                rest--;
            }
        }
        return "a".repeat(64) + "@" + domain + ".nl";
    }

    /** "intake" and more distinct codes of the given length. */
    private static List<String> purposes(int count, int length) {
        List<String> purposes = new ArrayList<>(List.of("intake"));
        for (int i = 1; i < count; i++) {
            purposes.add("a".repeat(length - 1) + (char) ('a' + i));
        }
        return purposes;
    }

    // --- small things -------------------------------------------------------------------------------------------------

    private JdbcClient jdbc(Participants node) {
        return (switch (node) {
            case GP -> network.gp;
            case MUNICIPALITY -> network.municipality;
            case PROVIDER -> network.provider;
            case OTHER_MUNICIPALITY -> throw new IllegalArgumentException("no node runs for " + node);
        }).getBean(JdbcClient.class);
    }

    private static List<String> errorFields(HttpResponse<String> response) {
        JsonNode problem = TestNetwork.JSON.readTree(response.body());
        return new ArrayList<>(new TreeSet<>(problem.path("errors").valueStream().map(e -> e.path("field").asString()).toList()));
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errorFields(response)).containsExactly(field);
    }

    private static String json(Map<String, Object> body) {
        return TestNetwork.JSON.writeValueAsString(body);
    }

    /** A copy of the body with the value at a path such as {@code citizen.address.street} or {@code consent.purposes[1]}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(body);
        Object at = copy;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            int bracket = step.indexOf('[');
            String key = bracket < 0 ? step : step.substring(0, bracket);
            Map<String, Object> map = (Map<String, Object>) at;
            if (bracket < 0) {
                if (last) {
                    map.put(key, value);
                } else {
                    at = map.get(key);
                }
            } else {
                List<Object> list = (List<Object>) map.get(key);
                int index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
                while (list.size() <= index) {
                    list.add(null);
                }
                if (last) {
                    list.set(index, value);
                } else {
                    at = list.get(index);
                }
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> body, String path) {
        Object at = body;
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            Object inner = ((Map<String, Object>) at).get(bracket < 0 ? step : step.substring(0, bracket));
            at = bracket < 0 ? inner : ((List<Object>) inner).get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
        }
        return at;
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(FieldBoundsTest::deepCopy).toList());
        }
        return value;
    }

    private static List<Field> prefixed(String prefix, List<Field> fields) {
        return fields.stream().map(f -> new Field(prefix + f.path(), f.table(), f.column(), f.kind())).toList();
    }

    @SafeVarargs
    private static List<Field> concat(List<Field>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
