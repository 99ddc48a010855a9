package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's logic against three fake staff APIs that behave like the nodes — including that what happens at another
 * node shows only after a while (the real ones: LocalNetworkLaunchIT).
 */
class DemoTest {

    private static final String REFERRAL_ID = "6a1f0000-0000-4000-8000-000000000001";
    private static final String DIRECT_REFERRAL_ID = "6a1f0000-0000-4000-8000-000000000002";
    private static final String CASE_ID = "6a1f0000-0000-4000-8000-000000000003";
    private static final String ASSIGNMENT_ID = "6a1f0000-0000-4000-8000-000000000004";
    private static final String DIRECT_ASSIGNMENT_ID = "6a1f0000-0000-4000-8000-000000000005";
    private static final String SERVICE_ID = "6a1f0000-0000-4000-8000-000000000006";
    private static final String QUESTION_ID = "6a1f0000-0000-4000-8000-000000000007";
    private static final String ANSWER_ID = "6a1f0000-0000-4000-8000-000000000008";
    private static final String INVOLVEMENT_ID = "6a1f0000-0000-4000-8000-000000000009";
    private static final String YOUTH_REFERRAL_ID = "6a1f0000-0000-4000-8000-000000000010";
    private static final String YOUTH_ASSIGNMENT_ID = "6a1f0000-0000-4000-8000-000000000011";
    private static final String REQUEST_ID = "6a1f0000-0000-4000-8000-000000000012";
    private static final String YOUTH_CASE_ID = "6a1f0000-0000-4000-8000-000000000013";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void playsTheWholeStoryThroughAllThreeNodes() throws Exception {
        FakeNetwork network = new FakeNetwork();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Demo.Result result = demo(network, out, Duration.ofSeconds(10)).run();

        assertThat(result.referralId()).isEqualTo(REFERRAL_ID);
        assertThat(result.directReferralId()).isEqualTo(DIRECT_REFERRAL_ID);
        assertThat(result.caseId()).isEqualTo(CASE_ID);
        assertThat(result.assignmentId()).isEqualTo(ASSIGNMENT_ID);
        assertThat(result.directAssignmentId()).isEqualTo(DIRECT_ASSIGNMENT_ID);
        assertThat(Demo.milestones(result.timeline())).containsExactlyElementsOf(
                List.of("ARRIVED", "PICKED_UP", "INDICATION_GRANTED", "PROVIDER_ASSIGNED", "ACCEPTED_BY_PROVIDER",
                        "CARE_STARTED", "CONCLUDED"));
        assertThat(Demo.milestones(result.directTimeline())).containsExactly("ARRIVED", "PICKED_UP", "CARE_STARTED");
        assertThat(Demo.milestoneTime(result.timeline(), "CONCLUDED")).isEqualTo("2026-11-23T12:00:07Z");
        assertThat(Demo.milestoneTime(result.directTimeline(), "CONCLUDED")).isNull();
        assertThat(result.duration()).isPositive();
        assertThat(network.laggedPolls).as("every wait polled more than once").containsExactlyInAnyOrder("cases",
                "assignments", "case-contact-person", "assignment-contact-person " + ASSIGNMENT_ID,
                "assignment-contact-person " + DIRECT_ASSIGNMENT_ID, "case-assignments",
                "timeline " + REFERRAL_ID, "timeline " + DIRECT_REFERRAL_ID, "gp-catalogue", "gp-question",
                "municipality-answer", "gp-question-settled", "gp-involvements", "youth-assignment", "youth-case",
                "request-granted", "timeline " + YOUTH_REFERRAL_ID);

        // the catalogue service: published by the municipality, in the GP's directory before the referral names it
        assertThat(network.posted("municipality", "POST /api/v1/catalogue/services")).singleElement()
                .isEqualTo(json.readTree("{\"name\":\"Rolstoelvoorziening\",\"kind\":\"WMO_PRODUCT\","
                        + "\"description\":\"Rolstoel in bruikleen, aangemeten en onderhouden door de gecontracteerde "
                        + "aanbieder\",\"providers\":[\"urn:nld:kvk:87654321\"],\"waitingWeeks\":6,"
                        + "\"effectiveFrom\":\"2026-11-23\"}"));
        assertThat(result.catalogueServiceAtGp().objectId()).isEqualTo(SERVICE_ID);
        assertThat(result.catalogueServiceAtGp().owner()).isEqualTo("urn:nld:oin:00000001001234567000");
        assertThat(result.catalogueServiceAtGp().providers()).containsExactly("urn:nld:kvk:87654321");
        assertThat(result.catalogueServiceAtGp().waitingWeeks()).isEqualTo(6);

        // the targeted question: asked on the case for a purpose the consent covers, answered by the GP, settled at
        // the municipality by the answer it pulled, and that settling pulled back by the GP
        assertThat(network.posted("municipality", "POST /api/v1/questions")).singleElement()
                .isEqualTo(json.readTree("{\"caseId\":\"" + CASE_ID + "\",\"purpose\":\"intake\",\"question\":\""
                        + Demo.QUESTION + "\",\"answerBy\":\"2026-11-30\"}"));
        assertThat(network.posted("gp", "POST /api/v1/questions/" + QUESTION_ID + "/answer")).singleElement()
                .isEqualTo(json.readTree("{\"answer\":\"" + Demo.ANSWER + "\"}"));
        assertThat(result.questionId()).isEqualTo(QUESTION_ID);
        assertThat(result.questionAtMunicipality().path("question").path("status").asString()).isEqualTo("ANSWERED");
        assertThat(result.questionAtMunicipality().path("answer").path("owner").asString())
                .isEqualTo("urn:nld:kvk:12345678");
        assertThat(result.questionAtMunicipality().path("answer").path("content").path("answer").asString())
                .isEqualTo(Demo.ANSWER);
        assertThat(result.questionAtGp().path("question").path("content").path("status").asString())
                .isEqualTo("ANSWERED");
        assertThat(result.questionAtGp().path("withinConsent").asBoolean(false)).isTrue();
        assertThat(result.questionAtGp().path("answer").path("id").asString()).isEqualTo(ANSWER_ID);

        // the wijkteam's signal: Mr Mulder's practice told with his consent, listed at the GP with no referral of his
        JsonNode involvement = network.posted("municipality", "POST /api/v1/involvements").get(0);
        assertThat(network.posted("municipality", "POST /api/v1/involvements")).hasSize(1);
        assertThat(involvement.path("gpPractice").asString()).isEqualTo("urn:nld:kvk:12345678");
        assertThat(involvement.path("contactPointId").asString()).isEqualTo(network.contactPointId("municipality"));
        assertThat(involvement.path("since").asString()).isEqualTo("2026-11-09");
        assertThat(involvement.path("until").isMissingNode()).as("sent only when known").isTrue();
        assertThat(involvement.path("citizen").path("bsn").asString()).isEqualTo("999990627");
        assertThat(strings(involvement.path("consent").path("purposes"))).containsExactly("care-coordination");
        assertThat(involvement.path("consent").path("form").asString()).isEqualTo("ORAL");
        assertThat(involvement.path("consent").path("givenAt").asString()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(result.involvementAtGp().involvementId()).isEqualTo(INVOLVEMENT_ID);
        assertThat(result.involvementAtGp().status()).isEqualTo("ACTIVE");
        assertThat(result.involvementAtGp().municipality()).isEqualTo("urn:nld:oin:00000001001234567000");
        assertThat(result.involvementAtGp().contactPoint().name()).isEqualTo("Wijkteam Zwolle-Zuid");

        // youth care: Sem (14) referred directly to the provider under the Jeugdwet, with his and his mother's consent
        JsonNode youthReferral = network.posted("gp", "POST /api/v1/referrals").get(2);
        assertThat(youthReferral.path("legalFramework").asString()).isEqualTo("JEUGDWET");
        assertThat(youthReferral.path("addressee").asString()).isEqualTo("urn:nld:kvk:87654321");
        assertThat(youthReferral.path("requestedSupport").asString()).isEqualTo("Jeugdhulp ambulant (Jeugdwet)");
        assertThat(youthReferral.path("citizen").path("bsn").asString()).isEqualTo("999990032");
        assertThat(youthReferral.path("citizen").path("birthDate").asString()).as("14 years and 5 months old")
                .isEqualTo("2012-06-23");
        assertThat(strings(youthReferral.path("consent").path("purposes")))
                .containsExactly("intake", "referral-feedback", "care-delivery");
        assertThat(youthReferral.path("consent").path("givenBy")).isEqualTo(json.readTree("[{\"role\":\"CITIZEN\"},"
                + "{\"role\":\"PARENT_WITH_AUTHORITY\",\"name\":\"Anouk Hendriks\"}]"));
        assertThat(youthReferral.path("catalogueService").isMissingNode()).isTrue();
        // the provider asks the municipality for the assignment on its own assignment; the case answers it
        assertThat(network.posted("provider", "POST /api/v1/assignment-requests")).singleElement()
                .isEqualTo(json.readTree("{\"assignment\":\"" + YOUTH_ASSIGNMENT_ID + "\",\"municipality\":"
                        + "\"urn:nld:oin:00000001001234567000\",\"productCategory\":\"45A11 Jeugdhulp ambulant\"}"));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + YOUTH_CASE_ID + "/pick-up")).singleElement()
                .satisfies(b -> assertThat(b.path("contactPointId").asString())
                        .isEqualTo(network.contactPointId("municipality")));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + YOUTH_CASE_ID + "/decide")).singleElement()
                .isEqualTo(json.readTree("{\"outcome\":\"GRANTED\",\"productCategory\":\"45A11 Jeugdhulp ambulant\"}"));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + YOUTH_CASE_ID + "/assign")).singleElement()
                .isEqualTo(json.readTree("{\"provider\":\"urn:nld:kvk:87654321\"}"));
        Demo.YouthCare youth = result.youth();
        assertThat(List.of(youth.referralId(), youth.assignmentId(), youth.requestId(), youth.caseId()))
                .containsExactly(YOUTH_REFERRAL_ID, YOUTH_ASSIGNMENT_ID, REQUEST_ID, YOUTH_CASE_ID);
        assertThat(youth.caseAtIntake().path("current").path("requestedBy").asString())
                .isEqualTo("urn:nld:kvk:87654321");
        assertThat(youth.caseAtIntake().path("referral").path("content").path("legalFramework").asString())
                .isEqualTo("JEUGDWET");
        assertThat(youth.granted().status()).isEqualTo("GRANTED");
        assertThat(youth.granted().answeredBy().objectId()).isEqualTo(YOUTH_CASE_ID);
        assertThat(Demo.milestones(result.youthTimeline())).containsExactly("ARRIVED", "PICKED_UP",
                "INDICATION_GRANTED", "PROVIDER_ASSIGNED", "CARE_STARTED");

        // the contact points, one per node, function-level
        assertThat(network.posted("gp", "POST /api/v1/contact-points")).singleElement()
                .satisfies(cp -> assertThat(cp.path("name").asString()).isEqualTo(
                        "Huisartsenpraktijk De Linde - assistentie"));
        assertThat(network.posted("municipality", "POST /api/v1/contact-points")).singleElement()
                .satisfies(cp -> assertThat(cp.path("name").asString()).isEqualTo("Wijkteam Zwolle-Zuid"));
        assertThat(network.posted("provider", "POST /api/v1/contact-points")).singleElement()
                .satisfies(cp -> assertThat(cp.path("name").asString()).isEqualTo(
                        "Zorg en Welzijn IJsselland - planning"));

        // two referrals: to the municipality with consent for care delivery, and directly to the provider
        List<JsonNode> referrals = network.posted("gp", "POST /api/v1/referrals");
        assertThat(referrals).hasSize(3);
        JsonNode toMunicipality = referrals.get(0);
        assertThat(toMunicipality.path("addressee").asString()).isEqualTo("urn:nld:oin:00000001001234567000");
        assertThat(toMunicipality.path("requestedSupport").asString()).isEqualTo("Rolstoel (Wmo maatwerkvoorziening)");
        assertThat(strings(toMunicipality.path("consent").path("purposes")))
                .containsExactly("intake", "referral-feedback", "care-delivery");
        assertThat(toMunicipality.path("consent").path("givenAt").asString()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(toMunicipality.path("citizen").path("bsn").asString()).isEqualTo("999993653");
        assertThat(toMunicipality.path("contactPerson").path("name").asString()).isEqualTo("Marijke de Vries");
        assertThat(toMunicipality.path("problemAnalysis").asString()).isEqualTo("Lives alone since her husband died; "
                + "can no longer walk to the shops; wants to keep living at home.");
        JsonNode toProvider = referrals.get(1);
        assertThat(toProvider.path("addressee").asString()).isEqualTo("urn:nld:kvk:87654321");
        assertThat(toProvider.path("requestedSupport").asString()).isEqualTo("Welzijnscoach (Welzijn op Recept)");
        assertThat(strings(toProvider.path("consent").path("purposes"))).containsExactly("intake", "referral-feedback");
        assertThat(toMunicipality.path("catalogueService")).isEqualTo(json.readTree("{\"owner\":"
                + "\"urn:nld:oin:00000001001234567000\",\"serviceId\":\"" + SERVICE_ID + "\"}"));
        assertThat(toProvider.path("catalogueService").isMissingNode()).as("a direct referral names none").isTrue();
        assertThat(toProvider.path("citizen")).isEqualTo(toMunicipality.path("citizen"));

        // the municipality's steps, with its own contact point
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + CASE_ID + "/pick-up")).singleElement()
                .satisfies(b -> assertThat(b.path("contactPointId").asString())
                        .isEqualTo(network.contactPointId("municipality")));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + CASE_ID + "/decide")).singleElement()
                .isEqualTo(json.readTree("{\"outcome\":\"GRANTED\",\"productCategory\":\"rolstoel\"}"));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + CASE_ID + "/assign")).singleElement()
                .isEqualTo(json.readTree("{\"provider\":\"urn:nld:kvk:87654321\"}"));
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + CASE_ID + "/conclude")).singleElement()
                .isEqualTo(json.readTree("{\"conclusion\":\"Rolstoel geleverd; wijkteam blijft betrokken\"}"));

        // the contact person changes on both referrals
        for (String id : List.of(REFERRAL_ID, DIRECT_REFERRAL_ID)) {
            assertThat(network.posted("gp", "PUT /api/v1/referrals/" + id + "/contact-person")).singleElement()
                    .isEqualTo(json.readTree("{\"name\":\"Jan de Vries\",\"relation\":\"son (mantelzorger)\","
                            + "\"phone\":\"06-87654321\"}"));
        }

        // in the order of the story
        assertThat(network.changes()).containsExactly(
                "gp POST /api/v1/contact-points",
                "municipality POST /api/v1/contact-points",
                "provider POST /api/v1/contact-points",
                "municipality POST /api/v1/catalogue/services",
                "gp POST /api/v1/referrals",
                "gp POST /api/v1/referrals",
                "municipality POST /api/v1/cases/" + CASE_ID + "/pick-up",
                "municipality POST /api/v1/questions",
                "gp POST /api/v1/questions/" + QUESTION_ID + "/answer",
                "municipality POST /api/v1/cases/" + CASE_ID + "/decide",
                "municipality POST /api/v1/cases/" + CASE_ID + "/assign",
                "provider POST /api/v1/assignments/" + ASSIGNMENT_ID + "/accept",
                "provider POST /api/v1/assignments/" + ASSIGNMENT_ID + "/start-care",
                "municipality POST /api/v1/cases/" + CASE_ID + "/conclude",
                "provider POST /api/v1/assignments/" + DIRECT_ASSIGNMENT_ID + "/accept",
                "provider POST /api/v1/assignments/" + DIRECT_ASSIGNMENT_ID + "/start-care",
                "gp PUT /api/v1/referrals/" + REFERRAL_ID + "/contact-person",
                "gp PUT /api/v1/referrals/" + DIRECT_REFERRAL_ID + "/contact-person",
                "municipality POST /api/v1/involvements",
                "gp POST /api/v1/referrals",
                "provider POST /api/v1/assignments/" + YOUTH_ASSIGNMENT_ID + "/accept",
                "provider POST /api/v1/assignment-requests",
                "municipality POST /api/v1/cases/" + YOUTH_CASE_ID + "/pick-up",
                "municipality POST /api/v1/cases/" + YOUTH_CASE_ID + "/decide",
                "municipality POST /api/v1/cases/" + YOUTH_CASE_ID + "/assign",
                // care starts only once the provider sees its request granted
                "provider POST /api/v1/assignments/" + YOUTH_ASSIGNMENT_ID + "/start-care",
                // her access report, asked at the GP's desk: the BSN in the body, never in the URL
                "gp POST /api/v1/citizen-access");
        assertThat(network.posted("gp", "POST /api/v1/citizen-access")).singleElement()
                .isEqualTo(json.readTree("{\"bsn\":\"999993653\"}"));
        assertThat(result.accessReport().accesses()).hasSize(2);

        String output = out.toString(StandardCharsets.UTF_8);
        List<String> steps = output.lines().filter(line -> line.matches("^ ?\\d+\\. .*")).toList();
        assertThat(steps).hasSize(45);
        assertThat(steps.get(44)).endsWith("GP practice node   shows Mrs De Vries at her request who accessed her data: 2 "
                + "accesses, from the processing logs of Huisartsenpraktijk De Linde, Gemeente Zwolle, Zorg en Welzijn "
                + "IJsselland (niet bereikbaar; probeer het later opnieuw)");
        assertThat(output).contains("2026-11-23T12:00:01Z     Gemeente Zwolle: uw verwijzing door de huisarts om uw "
                + "aanvraag te beoordelen, ingezien (Huisartsenpraktijk De Linde)");
        // the youth-care story, step by step, after the wijkteam's signal and before the GP's overview
        assertThat(steps.subList(30, 40)).extracting(line -> line.substring(4)).containsExactly(
                "GP practice node   refers Sem (14) directly to Zorg en Welzijn IJsselland for \"Jeugdhulp ambulant "
                        + "(Jeugdwet)\", with the consent of Sem and a parent with authority: referral "
                        + YOUTH_REFERRAL_ID,
                "provider node      pulled the youth referral and has assignment " + YOUTH_ASSIGNMENT_ID + ", OFFERED"
                        + afterOf(steps.get(31)),
                "provider node      accepts assignment " + YOUTH_ASSIGNMENT_ID + ": ACCEPTED",
                "provider node      asks Gemeente Zwolle for an assignment (verzoek om toewijzing) of \"45A11 "
                        + "Jeugdhulp ambulant\" on assignment " + YOUTH_ASSIGNMENT_ID + ": request " + REQUEST_ID
                        + ", REQUESTED",
                "municipality node  pulled request " + REQUEST_ID + " from Zorg en Welzijn IJsselland (version 1, "
                        + "REQUESTED, 45A11 Jeugdhulp ambulant) and opened case " + YOUTH_CASE_ID + " on it, RECEIVED"
                        + afterOf(steps.get(34)),
                "municipality node  case " + YOUTH_CASE_ID + " rests on referral " + YOUTH_REFERRAL_ID + ", pulled "
                        + "from Huisartsenpraktijk De Linde (version 1, for intake): JEUGDWET, toestemming van CITIZEN"
                        + " en PARENT_WITH_AUTHORITY",
                "municipality node  picks case " + YOUTH_CASE_ID + " up as Wijkteam Zwolle-Zuid: PICKED_UP",
                "municipality node  decides: GRANTED, product category 45A11 Jeugdhulp ambulant: DECIDED",
                "municipality node  assigns case " + YOUTH_CASE_ID + " to Zorg en Welzijn IJsselland, the provider "
                        + "that asked: ASSIGNED",
                "provider node      request " + REQUEST_ID + " shows GRANTED (version 2, answered by Gemeente Zwolle "
                        + "case " + YOUTH_CASE_ID + " at 2026-11-23T12:00:24Z)" + afterOf(steps.get(39)));
        assertThat(steps.get(40)).endsWith("provider node      starts care on assignment " + YOUTH_ASSIGNMENT_ID
                + ": CARE_STARTED");
        assertThat(steps.get(43)).contains("timeline of referral " + YOUTH_REFERRAL_ID + " shows ARRIVED, PICKED_UP, "
                + "INDICATION_GRANTED, PROVIDER_ASSIGNED, CARE_STARTED (after ");
        assertThat(output.lines().toList()).containsSequence(
                "  referral " + YOUTH_REFERRAL_ID + " to Zorg en Welzijn IJsselland (Jeugdhulp ambulant (Jeugdwet); "
                        + "assigned by Gemeente Zwolle on the provider's request)",
                "    aangekomen                ARRIVED              2026-11-23T12:00:20Z     Zorg en Welzijn "
                        + "IJsselland, assignment " + YOUTH_ASSIGNMENT_ID + " v1",
                "    opgepakt                  PICKED_UP            2026-11-23T12:00:21Z     Zorg en Welzijn "
                        + "IJsselland, assignment " + YOUTH_ASSIGNMENT_ID + " v2",
                "    indicatie afgegeven       INDICATION_GRANTED   2026-11-23T12:00:23Z     Gemeente Zwolle, case "
                        + YOUTH_CASE_ID + " v3 (45A11 Jeugdhulp ambulant)",
                "    toegewezen aan aanbieder  PROVIDER_ASSIGNED    2026-11-23T12:00:24Z     Gemeente Zwolle, case "
                        + YOUTH_CASE_ID + " v4 (Zorg en Welzijn IJsselland)",
                "    zorg gestart              CARE_STARTED         2026-11-23T12:00:25Z     Zorg en Welzijn "
                        + "IJsselland, assignment " + YOUTH_ASSIGNMENT_ID + " v3 (Zorg en Welzijn IJsselland)");
        // the thread as each side shows it: the municipality with the answer it pulled, the GP with its own
        assertThat(output.lines().toList()).containsSequence(
                "The targeted question " + QUESTION_ID + ", as each side shows it:",
                "  Gemeente Zwolle (case " + CASE_ID + ", ANSWERED, overdue false)",
                "    vraag     (intake, uiterlijk 2026-11-30) " + Demo.QUESTION,
                "    antwoord  (Huisartsenpraktijk De Linde, pulled at 2026-11-23T12:00:14Z) " + Demo.ANSWER,
                "  Huisartsenpraktijk De Linde (referral " + REFERRAL_ID + ", ANSWERED, overdue false)",
                "    vraag     (Gemeente Zwolle, pulled at 2026-11-23T12:00:15Z) " + Demo.QUESTION,
                "    antwoord  (ANSWERED at 2026-11-23T12:00:04Z) " + Demo.ANSWER);
        assertThat(steps.get(0)).startsWith(" 1. GP practice node   publishes its contact point "
                + "\"Huisartsenpraktijk De Linde - assistentie\": ");
        assertThat(output)
                .contains("publishes catalogue service \"Rolstoelvoorziening\" (WMO_PRODUCT, gecontracteerd: Zorg en "
                        + "Welzijn IJsselland, wachttijd ca. 6 weken): " + SERVICE_ID)
                .contains("sees \"Rolstoelvoorziening\" of Gemeente Zwolle in its service catalogue (version 1, "
                        + "WMO_PRODUCT, aanbieders Zorg en Welzijn IJsselland, wachttijd ca. 6 weken) (after ")
                .contains("refers Mrs De Vries to Gemeente Zwolle for \"Rolstoel (Wmo maatwerkvoorziening)\", catalogue "
                        + "service \"Rolstoelvoorziening\": referral " + REFERRAL_ID)
                .contains("pulled the referral and opened case " + CASE_ID + " for catalogue service "
                        + "\"Rolstoelvoorziening\", RECEIVED (after ")
                .contains("picks the case up as Wijkteam Zwolle-Zuid (contact point "
                        + network.contactPointId("municipality") + "): PICKED_UP")
                .contains("asks the GP about case " + CASE_ID + " (intake, antwoord uiterlijk 2026-11-30): question "
                        + QUESTION_ID + ", OPEN")
                .contains("pulled question " + QUESTION_ID + " (version 1) about referral " + REFERRAL_ID
                        + "; within the consent for intake, OPEN (after ")
                .contains("answers question " + QUESTION_ID + ": answer " + ANSWER_ID + ", ANSWERED")
                .contains("pulled the answer to question " + QUESTION_ID + " from Huisartsenpraktijk De Linde (version 1,"
                        + " for targeted-question, at 2026-11-23T12:00:14Z): question ANSWERED (after ")
                .contains("question " + QUESTION_ID + " shows ANSWERED at the GP too (question version 2")
                .contains("decides: GRANTED, product category rolstoel: DECIDED")
                .contains("assigns the case to Zorg en Welzijn IJsselland: ASSIGNED")
                .contains("pulled the case and has assignment " + ASSIGNMENT_ID + " (rolstoel), OFFERED")
                .contains("starts care on assignment " + ASSIGNMENT_ID + ": CARE_STARTED")
                .contains("sees on case " + CASE_ID + " that the provider started care")
                .contains("concludes the case (\"Rolstoel geleverd; wijkteam blijft betrokken\"): CONCLUDED")
                .contains("pulled the direct referral and has assignment " + DIRECT_ASSIGNMENT_ID + ", OFFERED")
                .contains("on both referrals: Marijke de Vries -> Jan de Vries (son)")
                .contains("case " + CASE_ID + " shows contact person Jan de Vries (referral version 2")
                .contains("assignment " + ASSIGNMENT_ID + " shows contact person Jan de Vries (referral version 7 pulled from urn:nld:kvk:12345678 for care-delivery")
                .contains("assignment " + DIRECT_ASSIGNMENT_ID + " shows contact person Jan de Vries (referral version")
                .contains("timeline of referral " + DIRECT_REFERRAL_ID + " shows ARRIVED, PICKED_UP, CARE_STARTED")
                .contains("    aangekomen                ARRIVED              2026-11-23T12:00:01Z     Gemeente Zwolle,"
                        + " case " + CASE_ID + " v1")
                .contains("toegewezen aan aanbieder  PROVIDER_ASSIGNED    2026-11-23T12:00:04Z     Gemeente Zwolle, "
                        + "case "
                        + CASE_ID + " v4 (Zorg en Welzijn IJsselland)")
                .contains("zorg gestart              CARE_STARTED         2026-11-23T12:00:06Z     Zorg en Welzijn "
                        + "IJsselland, assignment " + ASSIGNMENT_ID + " v3")
                .contains("the wijkteam records its involvement with Mr Mulder (no referral) since 2026-11-09, for his "
                        + "GP practice with his consent (care-coordination): " + INVOLVEMENT_ID + ", ACTIVE")
                .contains("pulled involvement " + INVOLVEMENT_ID + " (version 1, at 2026-11-23T12:00:17Z): Gemeente "
                        + "Zwolle is betrokken bij P. Mulder sinds 2026-11-09, ACTIVE, contact Wijkteam Zwolle-Zuid "
                        + "038-4981234 (after ")
                .contains("contact point now: Wijkteam Zwolle-Zuid, 038-4981234, wijkteam-zuid@zwolle.example")
                .contains("Where to look")
                .contains(network.gp() + "/api/v1/referrals/" + REFERRAL_ID + "/timeline")
                .contains(network.gp() + "/api/v1/referrals/" + DIRECT_REFERRAL_ID + "/timeline")
                .contains(network.municipality() + "/api/v1/cases/" + CASE_ID)
                .contains(network.provider() + "/api/v1/assignments/" + ASSIGNMENT_ID)
                .contains(network.provider() + "/api/v1/assignments/" + DIRECT_ASSIGNMENT_ID)
                .contains(network.provider() + "/api/v1/contact-points/directory")
                .contains(network.gp() + "/api/v1/questions/" + QUESTION_ID)
                .contains(network.municipality() + "/api/v1/questions/" + QUESTION_ID)
                .contains(network.municipality() + "/api/v1/involvements/" + INVOLVEMENT_ID)
                .contains(network.municipality() + "/api/v1/catalogue/services/" + SERVICE_ID)
                .contains(network.gp() + "/api/v1/referrals/" + YOUTH_REFERRAL_ID + "/timeline")
                .contains(network.municipality() + "/api/v1/cases/" + YOUTH_CASE_ID)
                .contains(network.provider() + "/api/v1/assignments/" + YOUTH_ASSIGNMENT_ID)
                .contains(network.provider() + "/api/v1/assignment-requests/" + REQUEST_ID)
                // the citizen's own data stays in the nodes
                .doesNotContain("999993653").doesNotContain("G. de Vries-Bakker").doesNotContain("Dorpsstraat")
                .doesNotContain("038-4211234")
                // nor Mr Mulder's number and birth date: the GP's list shows who he is by his name alone
                .doesNotContain("999990627").doesNotContain("1951-05-09")
                // nor Sem's, though the municipality's case holds the referral as pulled: roles, not who or when born
                .doesNotContain("999990032").doesNotContain("2012-06-23").doesNotContain("Hendriks")
                .doesNotContain("Assendorperstraat").doesNotContain("06-23456789");
    }

    /** The " (after N s)" a waiting step ends with, which the test cannot know beforehand. */
    private static String afterOf(String step) {
        return step.substring(step.lastIndexOf(" (after "));
    }

    @Test
    void aRequestTheMunicipalityNeverGrantsEndsTheDemoBeforeCareStarts() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.municipalityNeverAnswersRequests = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(demo(network, out, Duration.ofMillis(1500))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessage("waited 1 s for the provider's request " + REQUEST_ID + " to show GRANTED, in vain; see"
                        + " the nodes' logs (DATA_DIR/logs)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("assigns case " + YOUTH_CASE_ID);
        assertThat(network.changes()).doesNotContain("provider POST /api/v1/assignments/" + YOUTH_ASSIGNMENT_ID
                + "/start-care");
    }

    @Test
    void aSecondRunReusesTheContactPointsItPublishedBefore() throws Exception {
        FakeNetwork network = new FakeNetwork();
        String wijkteam = network.seedContactPoint("municipality", "Wijkteam Zwolle-Zuid");
        network.seedContactPoint("gp", "Huisartsenpraktijk De Linde - assistentie");
        network.seedContactPoint("provider", "Zorg en Welzijn IJsselland - planning");
        network.seedContactPoint("provider", "Zorg en Welzijn IJsselland - administratie");
        String service = network.seedCatalogueService("Rolstoelvoorziening");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        demo(network, out, Duration.ofSeconds(10)).run();

        assertThat(network.changes()).noneMatch(change -> change.contains("/api/v1/contact-points"))
                .noneMatch(change -> change.contains("/api/v1/catalogue"));
        assertThat(network.posted("gp", "POST /api/v1/referrals").get(0).path("catalogueService").path("serviceId")
                .asString()).isEqualTo(service);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("has its catalogue service \"Rolstoelvoorziening\" "
                + "already: " + service + ", version 1");
        assertThat(network.posted("municipality", "POST /api/v1/cases/" + CASE_ID + "/pick-up")).singleElement()
                .satisfies(b -> assertThat(b.path("contactPointId").asString()).isEqualTo(wijkteam));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("has its contact point \"Wijkteam Zwolle-Zuid\" "
                + "already: " + wijkteam);
    }

    @Test
    void unreachableNodesAreReportedClearly() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed);
        Demo demo = new Demo(nowhere, nowhere, nowhere, CommandLineTest.print(new ByteArrayOutputStream()));
        assertThatThrownBy(demo::run).isInstanceOf(Demo.DemoException.class)
                .hasMessage("cannot reach the GP practice node at http://127.0.0.1:" + closed
                        + " (is the network running? Start it with ./network)");

        FakeNetwork network = new FakeNetwork();
        Demo withoutProvider = new Demo(network.gp(), network.municipality(), nowhere,
                CommandLineTest.print(new ByteArrayOutputStream()));
        assertThatThrownBy(withoutProvider::run).isInstanceOf(Demo.DemoException.class)
                .hasMessageStartingWith("cannot reach the provider node at http://127.0.0.1:" + closed);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(new String[] {"demo", "--gp", "http://127.0.0.1:" + closed},
                CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("local-network demo: cannot reach the GP practice node");
    }

    @Test
    void aRefusedReferralIsReportedWithTheNodesAnswer() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.refuseReferrals = true;
        assertThatThrownBy(demo(network, new ByteArrayOutputStream(), Duration.ofSeconds(10))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessageStartingWith("the GP practice node answered POST " + network.gp() + "/api/v1/referrals with"
                        + " 400: {\"title\":\"Bad request\"");
    }

    @Test
    void aCaseThatNeverComesEndsTheDemoAfterTheWait() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.municipalityNeverPulls = true;
        assertThatThrownBy(demo(network, new ByteArrayOutputStream(), Duration.ofMillis(600))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessage("waited 0 s for a case at the municipality for referral " + REFERRAL_ID
                        + ", in vain; see the nodes' logs (DATA_DIR/logs)");
    }

    @Test
    void aContactPersonChangeThatDoesNotArriveEndsTheDemoAfterTheWait() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.providerKeepsOldCopies = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(demo(network, out, Duration.ofMillis(1500))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessageStartingWith("waited 1 s for the provider's assignment " + ASSIGNMENT_ID
                        + " to show the new contact person, in vain");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("case " + CASE_ID + " shows contact person");
    }

    @Test
    void anAnswerThatDoesNotArriveEndsTheDemoAfterTheWaitBeforeTheDecision() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.municipalityNeverPullsAnswers = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(demo(network, out, Duration.ofMillis(1500))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessage("waited 1 s for the municipality to pull the GP's answer to question " + QUESTION_ID
                        + ", in vain; see the nodes' logs (DATA_DIR/logs)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("answers question " + QUESTION_ID);
        assertThat(network.changes()).noneMatch(change -> change.endsWith("/decide"));
    }

    @Test
    void aServiceTheGpsDirectoryNeverShowsIsNotNamedOnAReferral() throws Exception {
        FakeNetwork network = new FakeNetwork();
        network.gpDirectoryNeverFollows = true;
        assertThatThrownBy(demo(network, new ByteArrayOutputStream(), Duration.ofMillis(600))::run)
                .isInstanceOf(Demo.DemoException.class)
                .hasMessage("waited 0 s for the GP's service catalogue to show Rolstoelvoorziening " + SERVICE_ID
                        + ", in vain; see the nodes' logs (DATA_DIR/logs)");
        assertThat(network.changes()).noneMatch(change -> change.contains("/api/v1/referrals"));
    }

    private Demo demo(FakeNetwork network, ByteArrayOutputStream out, Duration wait) {
        return new Demo(network.gp(), network.municipality(), network.provider(), CommandLineTest.print(out), wait,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /**
     * Three staff APIs over one state, as the real nodes would show it: what another node must pull (a case, an
     * assignment, a refreshed copy, a timeline step) shows only from the second poll on.
     */
    private final class FakeNetwork {

        private static final String GP = "urn:nld:kvk:12345678";
        private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
        private static final String PROVIDER = "urn:nld:kvk:87654321";

        boolean refuseReferrals;
        boolean municipalityNeverPulls;
        boolean providerKeepsOldCopies;
        boolean municipalityNeverPullsAnswers;
        boolean gpDirectoryNeverFollows;
        boolean municipalityNeverAnswersRequests;

        private final Map<String, List<ObjectNode>> contactPoints = new HashMap<>();
        private final Map<String, List<String>> requests = new LinkedHashMap<>();
        private final List<String> changes = new ArrayList<>();
        private final Map<String, JsonNode> referrals = new HashMap<>();
        private final Map<String, Integer> referralVersions = new HashMap<>();
        private final Set<String> polled = new HashSet<>();
        final Set<String> laggedPolls = new HashSet<>();
        private String caseStatus;
        private int caseVersion;
        private final Map<String, String> assignmentStatus = new HashMap<>();
        /** The municipality's catalogue services by id, and those the GP's directory has shown (pulled). */
        private final Map<String, ObjectNode> services = new LinkedHashMap<>();
        private final Set<String> gpDirectory = new HashSet<>();
        /** The municipality's question, as asked; its status there; the GP's answer; the GP's copy's status. */
        private JsonNode question;
        private String questionStatus;
        private ObjectNode answer;
        private String gpQuestionStatus;
        /** The wijkteam's involvement as recorded, once it is. */
        private JsonNode involvement;
        /** The provider's request for an assignment as posted, once it is; the municipality's case that answers it. */
        private JsonNode assignmentRequest;
        private String youthCaseStatus;
        private int youthCaseVersion;
        private final URI gp;
        private final URI municipality;
        private final URI provider;

        FakeNetwork() throws IOException {
            gp = start("gp");
            municipality = start("municipality");
            provider = start("provider");
        }

        URI gp() {
            return gp;
        }

        URI municipality() {
            return municipality;
        }

        URI provider() {
            return provider;
        }

        synchronized String seedContactPoint(String node, String name) {
            return publish(node, json.createObjectNode().put("name", name).put("phone", "038-0000000")).path("id")
                    .asString();
        }

        synchronized String seedCatalogueService(String name) {
            return publishService(json.createObjectNode().put("name", name).put("kind", "WMO_PRODUCT")
                    .put("waitingWeeks", 6).put("effectiveFrom", "2026-01-01")).path("objectId").asString();
        }

        synchronized String contactPointId(String node) {
            return contactPoints.get(node).get(0).path("id").asString();
        }

        /** The bodies of the requests to a node with that method and path. */
        synchronized List<JsonNode> posted(String node, String request) {
            String prefix = request + " ";
            return requests.getOrDefault(node, List.of()).stream().filter(r -> r.startsWith(prefix))
                    .map(r -> json.readTree(r.substring(prefix.length()))).toList();
        }

        /** Every request that changed something, as "node METHOD path", in order. */
        synchronized List<String> changes() {
            return List.copyOf(changes);
        }

        private URI start(String node) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> handle(node, exchange));
            server.start();
            servers.add(server);
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(String node, HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Object[] reply;
            synchronized (this) {
                requests.computeIfAbsent(node, n -> new ArrayList<>()).add(method + " " + path + " "
                        + (body.isEmpty() ? "{}" : body));
                if (!method.equals("GET")) {
                    changes.add(node + " " + method + " " + path);
                }
                try {
                    reply = switch (node) {
                        case "gp" -> gp(method, path, body);
                        case "municipality" -> municipality(method, path, body);
                        default -> provider(method, path, body);
                    };
                } catch (RuntimeException e) {
                    reply = new Object[] {500, "{\"title\":\"" + e + "\"}"};
                }
            }
            byte[] bytes = String.valueOf(reply[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders((Integer) reply[0], bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        /** False the first time a wait asks for {@code what}, as when the notification is still under way. */
        private boolean shows(String what) {
            if (polled.add(what)) {
                return false;
            }
            laggedPolls.add(what);
            return true;
        }

        private Object[] contactPoints(String node, String method, String body) {
            if (method.equals("GET")) {
                ArrayNode list = json.createArrayNode();
                contactPoints.getOrDefault(node, List.of()).forEach(list::add);
                return ok(list);
            }
            return new Object[] {201, publish(node, json.readTree(body)).toString()};
        }

        private ObjectNode publish(String node, JsonNode details) {
            ObjectNode cp = json.createObjectNode().put("id", UUID.randomUUID().toString()).put("version", 1)
                    .put("owner", node);
            cp.putArray("schedule");
            cp.set("current", details);
            cp.putNull("upcoming");
            contactPoints.computeIfAbsent(node, n -> new ArrayList<>()).add(cp);
            return cp;
        }

        private Object[] gp(String method, String path, String body) {
            if (path.equals("/api/v1/contact-points")) {
                return contactPoints("gp", method, body);
            }
            if (method.equals("GET") && path.equals("/api/v1/catalogue")) {
                // the GP's directory: what the municipality published, once its notification arrived
                ArrayNode list = json.createArrayNode();
                if (!services.isEmpty() && !gpDirectoryNeverFollows && shows("gp-catalogue")) {
                    services.values().forEach(list::add);
                    gpDirectory.addAll(services.keySet());
                }
                return ok(list);
            }
            if (path.startsWith("/api/v1/questions")) {
                return gpQuestions(method, path, body);
            }
            if (method.equals("POST") && path.equals("/api/v1/citizen-access")) {
                return ok(json.readTree("""
                        {"accesses": [
                          {"at": "2026-11-23T12:00:01Z", "who": "Gemeente Zwolle", "what": "uw verwijzing door de huisarts",
                           "purpose": "om uw aanvraag te beoordelen", "allowed": true, "outcome": "ingezien",
                           "recordedBy": "Huisartsenpraktijk De Linde"},
                          {"at": "2026-11-23T12:00:03Z", "who": "Huisartsenpraktijk De Linde",
                           "what": "uw melding bij de gemeente", "allowed": true, "outcome": "ingezien",
                           "purpose": "om uw huisarts te laten weten wat er met de verwijzing gebeurt",
                           "recordedBy": "Gemeente Zwolle"}],
                         "sources": [
                          {"organisation": "Huisartsenpraktijk De Linde", "answered": true},
                          {"organisation": "Gemeente Zwolle", "answered": true},
                          {"organisation": "Zorg en Welzijn IJsselland", "answered": false,
                           "remark": "niet bereikbaar; probeer het later opnieuw"}]}"""));
            }
            if (method.equals("GET") && path.equals("/api/v1/involvements")) {
                ArrayNode list = json.createArrayNode();
                if (involvement != null && shows("gp-involvements")) {
                    list.add(knownInvolvement());
                }
                return ok(list);
            }
            if (method.equals("POST") && path.equals("/api/v1/referrals")) {
                if (refuseReferrals) {
                    return new Object[] {400, "{\"title\":\"Bad request\",\"detail\":\"no\"}"};
                }
                JsonNode draft = json.readTree(body);
                JsonNode service = draft.path("catalogueService");
                if (service.isObject() && !gpDirectory.contains(service.path("serviceId").asString())) {
                    // as the real practice: a service its directory does not offer today is refused
                    return new Object[] {400, "{\"title\":\"Bad request\",\"errors\":[{\"field\":"
                            + "\"catalogueService.serviceId\",\"reason\":\"is not offered today\"}]}"};
                }
                String id = draft.path("legalFramework").asString().equals("JEUGDWET") ? YOUTH_REFERRAL_ID
                        : draft.path("addressee").asString().equals(MUNICIPALITY) ? REFERRAL_ID : DIRECT_REFERRAL_ID;
                referrals.put(id, draft);
                referralVersions.put(id, 1);
                return new Object[] {201, referralDetail(id).toString()};
            }
            if (method.equals("PUT") && path.endsWith("/contact-person")) {
                String id = path.split("/")[4];
                ((ObjectNode) referrals.get(id)).set("contactPerson", json.readTree(body));
                referralVersions.merge(id, 1, Integer::sum);
                return ok(referralDetail(id));
            }
            if (method.equals("GET") && path.endsWith("/timeline")) {
                return ok(timeline(path.split("/")[4]));
            }
            return notFound();
        }

        private ObjectNode referralDetail(String id) {
            ObjectNode detail = json.createObjectNode().put("id", id).put("version", referralVersions.get(id))
                    .put("status", "RECORDED");
            detail.set("referral", referrals.get(id));
            return detail;
        }

        private ObjectNode timeline(String referralId) {
            ObjectNode timeline = json.createObjectNode();
            ArrayNode steps = timeline.putArray("steps");
            ArrayNode sources = timeline.putArray("sources");
            timeline.putNull("contactPoint");
            if (!shows("timeline " + referralId) || !referrals.containsKey(referralId)) {
                return timeline;
            }
            String caseAssignment = assignmentStatus.get(ASSIGNMENT_ID);
            String direct = assignmentStatus.get(DIRECT_ASSIGNMENT_ID);
            if (referralId.equals(REFERRAL_ID) && caseStatus != null) {
                ObjectNode source = source(sources, MUNICIPALITY, "Gemeente Zwolle", "case", CASE_ID, caseStatus);
                step(steps, "ARRIVED", "aangekomen", null, 1, source, 1);
                if (!caseStatus.equals("RECEIVED")) {
                    step(steps, "PICKED_UP", "opgepakt", null, 2, source, 2);
                    timeline.set("contactPoint", json.valueToTree(Demo.MUNICIPALITY_CONTACT_POINT));
                }
                if (Set.of("DECIDED", "ASSIGNED", "CONCLUDED").contains(caseStatus)) {
                    step(steps, "INDICATION_GRANTED", "indicatie afgegeven", "rolstoel", 3, source, 3);
                }
                if (Set.of("ASSIGNED", "CONCLUDED").contains(caseStatus)) {
                    step(steps, "PROVIDER_ASSIGNED", "toegewezen aan aanbieder", "Zorg en Welzijn IJsselland", 4,
                            source, 4);
                }
                if (caseAssignment != null) {
                    ObjectNode a = source(sources, PROVIDER, "Zorg en Welzijn IJsselland", "assignment",
                            ASSIGNMENT_ID, caseAssignment);
                    if (!caseAssignment.equals("OFFERED")) {
                        step(steps, "ACCEPTED_BY_PROVIDER", "aangenomen door aanbieder", null, 5, a, 2);
                    }
                    if (caseAssignment.equals("CARE_STARTED")) {
                        step(steps, "CARE_STARTED", "zorg gestart", "Zorg en Welzijn IJsselland", 6, a, 3);
                    }
                }
                if (caseStatus.equals("CONCLUDED")) {
                    step(steps, "CONCLUDED", "afgerond", Demo.CONCLUSION, 7, source, 5);
                }
            }
            if (referralId.equals(DIRECT_REFERRAL_ID) && direct != null) {
                ObjectNode a = source(sources, PROVIDER, "Zorg en Welzijn IJsselland", "assignment",
                        DIRECT_ASSIGNMENT_ID, direct);
                step(steps, "ARRIVED", "aangekomen", null, 2, a, 1);
                if (!direct.equals("OFFERED")) {
                    step(steps, "PICKED_UP", "opgepakt", null, 8, a, 2);
                }
                if (direct.equals("CARE_STARTED")) {
                    step(steps, "CARE_STARTED", "zorg gestart", "Zorg en Welzijn IJsselland", 9, a, 3);
                }
            }
            String youth = assignmentStatus.get(YOUTH_ASSIGNMENT_ID);
            if (referralId.equals(YOUTH_REFERRAL_ID) && youth != null) {
                // one step per milestone: the provider's arrival and pick-up come first, the case's later
                ObjectNode a = source(sources, PROVIDER, "Zorg en Welzijn IJsselland", "assignment",
                        YOUTH_ASSIGNMENT_ID, youth);
                step(steps, "ARRIVED", "aangekomen", null, 20, a, 1);
                if (!youth.equals("OFFERED")) {
                    step(steps, "PICKED_UP", "opgepakt", null, 21, a, 2);
                }
                if (youthCaseStatus != null) {
                    ObjectNode c = source(sources, MUNICIPALITY, "Gemeente Zwolle", "case", YOUTH_CASE_ID,
                            youthCaseStatus);
                    if (Set.of("DECIDED", "ASSIGNED").contains(youthCaseStatus)) {
                        step(steps, "INDICATION_GRANTED", "indicatie afgegeven", Demo.YOUTH_PRODUCT, 23, c, 3);
                    }
                    if (youthCaseStatus.equals("ASSIGNED")) {
                        step(steps, "PROVIDER_ASSIGNED", "toegewezen aan aanbieder", "Zorg en Welzijn IJsselland", 24,
                                c, 4);
                    }
                }
                if (youth.equals("CARE_STARTED")) {
                    step(steps, "CARE_STARTED", "zorg gestart", "Zorg en Welzijn IJsselland", 25, a, 3);
                }
            }
            return timeline;
        }

        private ObjectNode source(ArrayNode sources, String owner, String ownerName, String type, String id,
                                  String status) {
            ObjectNode source = sources.addObject();
            ObjectNode object = source.putObject("object").put("owner", owner).put("objectType", type)
                    .put("objectId", id);
            source.put("ownerName", ownerName).put("version", 1).put("status", status)
                    .put("pulledAt", "2026-11-23T12:00:10Z").put("withdrawn", false);
            return object;
        }

        private void step(ArrayNode steps, String milestone, String label, String detail, int second,
                          ObjectNode source, int version) {
            ObjectNode step = steps.addObject().put("milestone", milestone).put("label", label).put("detail", detail)
                    .put("at", String.format("2026-11-23T12:00:%02dZ", second));
            step.set("source", source);
            step.put("sourceVersion", version);
        }

        private Object[] municipality(String method, String path, String body) {
            if (path.equals("/api/v1/contact-points")) {
                return contactPoints("municipality", method, body);
            }
            if (method.equals("GET") && path.equals("/api/v1/catalogue")) {
                ArrayNode list = json.createArrayNode();
                services.values().forEach(list::add);
                return ok(list);
            }
            if (method.equals("POST") && path.equals("/api/v1/catalogue/services")) {
                return new Object[] {201, publishService(json.readTree(body)).toString()};
            }
            if (path.startsWith("/api/v1/questions")) {
                return municipalityQuestions(method, path, body);
            }
            if (method.equals("POST") && path.equals("/api/v1/involvements")) {
                return startInvolvement(json.readTree(body));
            }
            if (method.equals("GET") && path.equals("/api/v1/cases")) {
                ArrayNode cases = json.createArrayNode();
                if (!municipalityNeverPulls && referrals.containsKey(REFERRAL_ID) && (caseStatus != null
                        || shows("cases"))) {
                    caseStatus = caseStatus == null ? "RECEIVED" : caseStatus;
                    caseVersion = Math.max(caseVersion, 1);
                    cases.add(caseSummary());
                }
                // the case on the provider's request: once the municipality pulled the request and the referral
                if (assignmentRequest != null && (youthCaseStatus != null || shows("youth-case"))) {
                    youthCaseStatus = youthCaseStatus == null ? "RECEIVED" : youthCaseStatus;
                    youthCaseVersion = Math.max(youthCaseVersion, 1);
                    cases.add(youthCaseSummary());
                }
                return ok(cases);
            }
            if (path.startsWith("/api/v1/cases/" + YOUTH_CASE_ID) && youthCaseStatus != null) {
                return youthCase(method, path.substring(("/api/v1/cases/" + YOUTH_CASE_ID).length()), body);
            }
            String prefix = "/api/v1/cases/" + CASE_ID;
            if (!path.startsWith(prefix) || caseStatus == null) {
                return notFound();
            }
            if (method.equals("GET") && path.equals(prefix)) {
                ObjectNode detail = json.createObjectNode();
                detail.set("current", caseSummary());
                int version = referralVersions.get(REFERRAL_ID);
                boolean refreshed = version == 1 || shows("case-contact-person");
                ObjectNode referral = detail.putObject("referral").put("owner", GP).put("objectId", REFERRAL_ID)
                        .put("version", refreshed ? version : version - 1).put("pulledAt", "2026-11-23T12:00:11Z");
                referral.putObject("content").putObject("contactPerson").put("name", refreshed
                        ? referrals.get(REFERRAL_ID).path("contactPerson").path("name").asString()
                        : "Marijke de Vries");
                referral.putNull("withdrawal");
                JsonNode named = referrals.get(REFERRAL_ID).path("catalogueService");
                detail.set("catalogueService", named.isObject() ? services.get(named.path("serviceId").asString())
                        : null);
                ArrayNode assignments = detail.putArray("assignments");
                String status = assignmentStatus.get(ASSIGNMENT_ID);
                if (status != null) {
                    ObjectNode copy = assignments.addObject().put("owner", PROVIDER).put("objectType", "ASSIGNMENT")
                            .put("objectId", ASSIGNMENT_ID).put("version", 3).put("pulledAt", "2026-11-23T12:00:12Z");
                    copy.putObject("content").put("status", status.equals("CARE_STARTED")
                            && shows("case-assignments") ? "CARE_STARTED" : "ACCEPTED");
                }
                return ok(detail);
            }
            String next = switch (path.substring(prefix.length())) {
                case "/pick-up" -> json.readTree(body).path("contactPointId").asString().equals(contactPointId(
                        "municipality")) ? "PICKED_UP" : null;
                case "/decide" -> "DECIDED";
                case "/assign" -> "ASSIGNED";
                case "/conclude" -> "CONCLUDED";
                default -> null;
            };
            if (next == null || !method.equals("POST")) {
                return new Object[] {400, "{\"title\":\"Bad request\"}"};
            }
            caseStatus = next;
            caseVersion++;
            return ok(caseSummary());
        }

        /**
         * The case that answers the provider's request, as the real municipality holds it: the referral pulled from the
         * GP (citizen and all) and the request pulled from the provider; granted only for the provider that asked.
         */
        private Object[] youthCase(String method, String rest, String body) {
            if (method.equals("GET") && rest.isEmpty()) {
                ObjectNode detail = json.createObjectNode();
                detail.set("current", youthCaseSummary());
                ObjectNode referral = detail.putObject("referral").put("owner", GP).put("objectType", "referral")
                        .put("objectId", YOUTH_REFERRAL_ID).put("version", 1).put("purpose", "intake")
                        .put("pulledAt", "2026-11-23T12:00:18Z");
                referral.set("content", referrals.get(YOUTH_REFERRAL_ID));
                referral.putNull("withdrawal");
                ObjectNode request = detail.putObject("request").put("owner", PROVIDER)
                        .put("objectType", "assignment-request").put("objectId", REQUEST_ID).put("version", 1)
                        .put("purpose", "youth-assignment").put("pulledAt", "2026-11-23T12:00:18Z");
                request.putObject("content").put("objectId", REQUEST_ID).put("status", "REQUESTED")
                        .put("municipality", MUNICIPALITY)
                        .put("productCategory", assignmentRequest.path("productCategory").asString());
                detail.putArray("assignments");
                detail.putNull("catalogueService");
                return ok(detail);
            }
            JsonNode form = body.isEmpty() ? json.createObjectNode() : json.readTree(body);
            String next = switch (rest) {
                case "/pick-up" -> form.path("contactPointId").asString().equals(contactPointId("municipality"))
                        ? "PICKED_UP" : null;
                case "/decide" -> form.path("outcome").asString().equals("GRANTED") ? "DECIDED" : null;
                case "/assign" -> form.path("provider").asString().equals(PROVIDER) ? "ASSIGNED" : null;
                default -> null;
            };
            if (next == null || !method.equals("POST")) {
                return new Object[] {409, "{\"title\":\"Conflict\",\"detail\":\"refused, as the real case would\"}"};
            }
            youthCaseStatus = next;
            youthCaseVersion++;
            return ok(youthCaseSummary());
        }

        private ObjectNode youthCaseSummary() {
            ObjectNode c = json.createObjectNode().put("id", YOUTH_CASE_ID).put("version", youthCaseVersion)
                    .put("status", youthCaseStatus).put("referralOwner", GP).put("referralId", YOUTH_REFERRAL_ID)
                    .put("receivedAt", "2026-11-23T12:00:22Z").put("requestedBy", PROVIDER)
                    .put("requestId", REQUEST_ID);
            if (youthCaseStatus.equals("ASSIGNED")) {
                c.put("assignedProvider", PROVIDER);
            }
            return c;
        }

        private ObjectNode publishService(JsonNode form) {
            ObjectNode service = ((ObjectNode) form.deepCopy()).put("objectId", SERVICE_ID).put("version", 1)
                    .put("owner", MUNICIPALITY);
            services.put(SERVICE_ID, service);
            return service;
        }

        /** The municipality's side of the question: asked on its case, settled once it pulled the GP's answer. */
        private Object[] municipalityQuestions(String method, String path, String body) {
            if (method.equals("POST") && path.equals("/api/v1/questions")) {
                JsonNode ask = json.readTree(body);
                if (!CASE_ID.equals(ask.path("caseId").asString()) || caseStatus == null) {
                    return new Object[] {400, "{\"title\":\"Bad request\",\"errors\":[{\"field\":\"caseId\"}]}"};
                }
                question = ask;
                questionStatus = "OPEN";
                return ok(municipalityQuestion());
            }
            if (method.equals("GET") && path.equals("/api/v1/questions/" + QUESTION_ID) && question != null) {
                if (answer != null && !municipalityNeverPullsAnswers && shows("municipality-answer")) {
                    questionStatus = answer.path("status").asString();
                }
                ObjectNode thread = json.createObjectNode();
                thread.set("question", municipalityQuestion());
                thread.put("overdue", false);
                if (questionStatus.equals("OPEN")) {
                    thread.putNull("answer");
                } else {
                    ObjectNode copy = thread.putObject("answer").put("owner", GP).put("objectId", ANSWER_ID)
                            .put("version", 1).put("purpose", "targeted-question")
                            .put("pulledAt", "2026-11-23T12:00:14Z");
                    copy.set("content", answer);
                }
                return ok(thread);
            }
            return notFound();
        }

        private ObjectNode municipalityQuestion() {
            ObjectNode q = json.createObjectNode().put("id", QUESTION_ID)
                    .put("version", questionStatus.equals("OPEN") ? 1 : 2).put("status", questionStatus)
                    .put("caseId", CASE_ID).put("referralOwner", GP).put("referralId", REFERRAL_ID)
                    .put("purpose", question.path("purpose").asString())
                    .put("question", question.path("question").asString())
                    .put("answerBy", question.path("answerBy").asString()).put("askedAt", "2026-11-23T12:00:03Z");
            if (!questionStatus.equals("OPEN")) {
                q.putObject("answer").put("owner", GP).put("objectType", "answer").put("objectId", ANSWER_ID);
            }
            return q;
        }

        /**
         * The GP's side: the question shows once pulled, answerable only within the consent of the referral it is
         * about; the municipality's settling shows on the GP's copy once pulled again.
         */
        private Object[] gpQuestions(String method, String path, String body) {
            boolean withinConsent = question != null && strings(referrals.get(REFERRAL_ID).path("consent")
                    .path("purposes")).contains(question.path("purpose").asString());
            if (method.equals("GET") && path.equals("/api/v1/questions")) {
                ArrayNode list = json.createArrayNode();
                if (question != null && (gpQuestionStatus != null || shows("gp-question"))) {
                    if (gpQuestionStatus == null || !questionStatus.equals(gpQuestionStatus)
                            && shows("gp-question-settled")) {
                        gpQuestionStatus = questionStatus;
                    }
                    ObjectNode thread = list.addObject();
                    boolean settled = !gpQuestionStatus.equals("OPEN");
                    ObjectNode copy = thread.putObject("question").put("owner", MUNICIPALITY)
                            .put("objectId", QUESTION_ID).put("version", settled ? 2 : 1)
                            .put("purpose", "targeted-question").put("pulledAt", "2026-11-23T12:00:15Z");
                    copy.putObject("content").put("objectId", QUESTION_ID).put("status", gpQuestionStatus)
                            .put("purpose", question.path("purpose").asString())
                            .put("question", question.path("question").asString())
                            .put("answerBy", question.path("answerBy").asString());
                    thread.put("referralId", REFERRAL_ID).put("withinConsent", withinConsent).put("overdue", false);
                    thread.set("answer", answer);
                }
                return ok(list);
            }
            if (method.equals("POST") && path.equals("/api/v1/questions/" + QUESTION_ID + "/answer")
                    && gpQuestionStatus != null) {
                if (!withinConsent) {
                    return new Object[] {409, "{\"title\":\"Conflict\",\"detail\":\"consent\"}"};
                }
                answer = json.createObjectNode().put("id", ANSWER_ID).put("version", 1).put("status", "ANSWERED")
                        .put("questionOwner", MUNICIPALITY).put("questionId", QUESTION_ID)
                        .put("referralId", REFERRAL_ID).put("purpose", question.path("purpose").asString())
                        .put("answer", json.readTree(body).path("answer").asString())
                        .put("answeredAt", "2026-11-23T12:00:04Z");
                return ok(answer);
            }
            return notFound();
        }

        /** As the real municipality: its own contact point, a GP practice of the list, consent for coordination. */
        private Object[] startInvolvement(JsonNode form) {
            if (!form.path("contactPointId").asString().equals(contactPointId("municipality"))
                    || !form.path("gpPractice").asString().equals(GP)
                    || !strings(form.path("consent").path("purposes")).contains("care-coordination")) {
                return new Object[] {400, "{\"title\":\"Bad request\"}"};
            }
            involvement = form;
            ObjectNode started = json.createObjectNode().put("id", INVOLVEMENT_ID).put("version", 1)
                    .put("status", "ACTIVE");
            started.set("citizen", form.path("citizen"));
            started.set("since", form.path("since"));
            started.put("contactPointId", form.path("contactPointId").asString()).put("gpPractice", GP)
                    .put("startedAt", "2026-11-23T12:00:16Z");
            return new Object[] {201, started.toString()};
        }

        /** The involvement as the GP lists it: pulled, with the wijkteam's contact point filled in. */
        private ObjectNode knownInvolvement() {
            ObjectNode known = json.createObjectNode().put("municipality", MUNICIPALITY)
                    .put("municipalityName", "Gemeente Zwolle").put("involvementId", INVOLVEMENT_ID)
                    .put("version", 1).put("status", "ACTIVE").put("ended", false);
            known.set("citizen", involvement.path("citizen"));
            known.set("since", involvement.path("since"));
            known.set("contactPoint", json.valueToTree(Demo.MUNICIPALITY_CONTACT_POINT));
            known.put("pulledAt", "2026-11-23T12:00:17Z").put("consentWithdrawn", false);
            return known;
        }

        private ObjectNode caseSummary() {
            return json.createObjectNode().put("id", CASE_ID).put("version", caseVersion).put("status", caseStatus)
                    .put("referralOwner", GP).put("referralId", REFERRAL_ID).put("receivedAt", "2026-11-23T12:00:01Z");
        }

        private Object[] provider(String method, String path, String body) {
            if (path.equals("/api/v1/contact-points")) {
                return contactPoints("provider", method, body);
            }
            boolean caseAssigned = caseStatus != null && Set.of("ASSIGNED", "CONCLUDED").contains(caseStatus);
            if (caseAssigned && !assignmentStatus.containsKey(ASSIGNMENT_ID) && shows("assignments")) {
                assignmentStatus.put(ASSIGNMENT_ID, "OFFERED");
            }
            if (referrals.containsKey(DIRECT_REFERRAL_ID) && !assignmentStatus.containsKey(DIRECT_ASSIGNMENT_ID)) {
                assignmentStatus.put(DIRECT_ASSIGNMENT_ID, "OFFERED");
            }
            if (referrals.containsKey(YOUTH_REFERRAL_ID) && !assignmentStatus.containsKey(YOUTH_ASSIGNMENT_ID)
                    && shows("youth-assignment")) {
                assignmentStatus.put(YOUTH_ASSIGNMENT_ID, "OFFERED");
            }
            if (path.startsWith("/api/v1/assignment-requests")) {
                return assignmentRequests(method, path, body);
            }
            if (method.equals("GET") && path.equals("/api/v1/assignments")) {
                ArrayNode list = json.createArrayNode();
                assignmentStatus.keySet().stream().sorted().forEach(id -> list.add(assignmentSummary(id)));
                return ok(list);
            }
            String id = path.split("/").length > 4 ? path.split("/")[4] : "";
            if (!assignmentStatus.containsKey(id)) {
                return notFound();
            }
            if (method.equals("GET")) {
                ObjectNode detail = json.createObjectNode();
                detail.set("assignment", assignmentSummary(id));
                boolean onCase = id.equals(ASSIGNMENT_ID);
                String referralId = onCase ? REFERRAL_ID : DIRECT_REFERRAL_ID;
                boolean changed = referralVersions.get(referralId) > 1;
                boolean refreshed = changed && !providerKeepsOldCopies && shows("assignment-contact-person " + id);
                detail.putObject("basis").put("owner", onCase ? MUNICIPALITY : GP)
                        .put("objectType", onCase ? "case" : "referral").put("objectId", onCase ? CASE_ID : referralId)
                        .put("version", 5).put("pulledAt", "2026-11-23T12:00:13Z");
                // the referral as the provider pulled it from the GP: the municipality's case holds no citizen data
                ObjectNode referral = detail.putObject("referral").put("owner", GP).put("objectType", "referral")
                        .put("objectId", referralId).put("version", refreshed ? 7 : 5)
                        .put("purpose", onCase ? "care-delivery" : "intake").put("pulledAt", "2026-11-23T12:00:13Z");
                referral.putObject("content").putObject("contactPerson").put("name", refreshed
                        ? referrals.get(referralId).path("contactPerson").path("name").asString()
                        : "Marijke de Vries");
                return ok(detail);
            }
            String next = path.endsWith("/accept") ? "ACCEPTED" : path.endsWith("/start-care") ? "CARE_STARTED" : null;
            if (next == null) {
                return notFound();
            }
            assignmentStatus.put(id, next);
            return ok(assignmentSummary(id));
        }

        /**
         * The provider's request for an assignment, as the real node records it: only on its assignment on a youth
         * referral, once; granted only after the municipality assigned it the case that answers it, and shown so only
         * once the provider pulled that case.
         */
        private Object[] assignmentRequests(String method, String path, String body) {
            if (method.equals("POST") && path.equals("/api/v1/assignment-requests")) {
                JsonNode form = json.readTree(body);
                if (!form.path("assignment").asString().equals(YOUTH_ASSIGNMENT_ID) || assignmentRequest != null
                        || !form.path("municipality").asString().equals(MUNICIPALITY)) {
                    return new Object[] {409, "{\"title\":\"Conflict\",\"detail\":\"not a Jeugdwet referral\"}"};
                }
                assignmentRequest = form;
                return new Object[] {201, assignmentRequest().toString()};
            }
            if (method.equals("GET") && path.equals("/api/v1/assignment-requests/" + REQUEST_ID)
                    && assignmentRequest != null) {
                return ok(assignmentRequest());
            }
            return notFound();
        }

        private ObjectNode assignmentRequest() {
            boolean granted = !municipalityNeverAnswersRequests && "ASSIGNED".equals(youthCaseStatus)
                    && shows("request-granted");
            ObjectNode r = json.createObjectNode().put("id", REQUEST_ID).put("version", granted ? 2 : 1)
                    .put("status", granted ? "GRANTED" : "REQUESTED").put("assignmentId", YOUTH_ASSIGNMENT_ID)
                    .put("municipality", MUNICIPALITY)
                    .put("productCategory", assignmentRequest.path("productCategory").asString())
                    .put("requestedAt", "2026-11-23T12:00:21Z");
            r.putObject("referral").put("owner", GP).put("objectType", "referral").put("objectId", YOUTH_REFERRAL_ID);
            if (granted) {
                r.putObject("answeredBy").put("owner", MUNICIPALITY).put("objectType", "case")
                        .put("objectId", YOUTH_CASE_ID);
                r.put("answeredAt", "2026-11-23T12:00:24Z");
            }
            return r;
        }

        private ObjectNode assignmentSummary(String id) {
            boolean onCase = id.equals(ASSIGNMENT_ID);
            String referralId = onCase ? REFERRAL_ID : id.equals(YOUTH_ASSIGNMENT_ID) ? YOUTH_REFERRAL_ID
                    : DIRECT_REFERRAL_ID;
            ObjectNode a = json.createObjectNode().put("id", id).put("version", 1)
                    .put("status", assignmentStatus.get(id));
            a.putObject("basis").put("owner", onCase ? MUNICIPALITY : GP)
                    .put("objectType", onCase ? "case" : "referral")
                    .put("objectId", onCase ? CASE_ID : referralId);
            a.putObject("referral").put("owner", GP).put("objectType", "referral")
                    .put("objectId", referralId);
            a.put("productCategory", onCase ? "rolstoel" : null);
            return a;
        }

        private static Object[] ok(JsonNode body) {
            return new Object[] {200, body.toString()};
        }

        private static Object[] notFound() {
            return new Object[] {404, "{\"title\":\"Not found\"}"};
        }
    }
}
