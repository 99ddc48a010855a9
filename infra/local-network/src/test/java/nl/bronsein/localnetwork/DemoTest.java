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
                "timeline " + REFERRAL_ID, "timeline " + DIRECT_REFERRAL_ID);

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
        assertThat(referrals).hasSize(2);
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
                "gp POST /api/v1/referrals",
                "gp POST /api/v1/referrals",
                "municipality POST /api/v1/cases/" + CASE_ID + "/pick-up",
                "municipality POST /api/v1/cases/" + CASE_ID + "/decide",
                "municipality POST /api/v1/cases/" + CASE_ID + "/assign",
                "provider POST /api/v1/assignments/" + ASSIGNMENT_ID + "/accept",
                "provider POST /api/v1/assignments/" + ASSIGNMENT_ID + "/start-care",
                "municipality POST /api/v1/cases/" + CASE_ID + "/conclude",
                "provider POST /api/v1/assignments/" + DIRECT_ASSIGNMENT_ID + "/accept",
                "provider POST /api/v1/assignments/" + DIRECT_ASSIGNMENT_ID + "/start-care",
                "gp PUT /api/v1/referrals/" + REFERRAL_ID + "/contact-person",
                "gp PUT /api/v1/referrals/" + DIRECT_REFERRAL_ID + "/contact-person");

        String output = out.toString(StandardCharsets.UTF_8);
        List<String> steps = output.lines().filter(line -> line.matches("^ ?\\d+\\. .*")).toList();
        assertThat(steps).hasSize(23);
        assertThat(steps.get(0)).startsWith(" 1. GP practice node   publishes its contact point "
                + "\"Huisartsenpraktijk De Linde - assistentie\": ");
        assertThat(output)
                .contains("refers Mrs De Vries to Gemeente Zwolle for \"Rolstoel (Wmo maatwerkvoorziening)\": referral "
                        + REFERRAL_ID)
                .contains("pulled the referral and opened case " + CASE_ID + ", RECEIVED (after ")
                .contains("picks the case up as Wijkteam Zwolle-Zuid (contact point "
                        + network.contactPointId("municipality") + "): PICKED_UP")
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
                .contains("contact point now: Wijkteam Zwolle-Zuid, 038-4981234, wijkteam-zuid@zwolle.example")
                .contains("Where to look")
                .contains(network.gp() + "/api/v1/referrals/" + REFERRAL_ID + "/timeline")
                .contains(network.gp() + "/api/v1/referrals/" + DIRECT_REFERRAL_ID + "/timeline")
                .contains(network.municipality() + "/api/v1/cases/" + CASE_ID)
                .contains(network.provider() + "/api/v1/assignments/" + ASSIGNMENT_ID)
                .contains(network.provider() + "/api/v1/assignments/" + DIRECT_ASSIGNMENT_ID)
                .contains(network.provider() + "/api/v1/contact-points/directory")
                // the citizen's own data stays in the nodes
                .doesNotContain("999993653").doesNotContain("G. de Vries-Bakker").doesNotContain("Dorpsstraat")
                .doesNotContain("038-4211234");
    }

    @Test
    void aSecondRunReusesTheContactPointsItPublishedBefore() throws Exception {
        FakeNetwork network = new FakeNetwork();
        String wijkteam = network.seedContactPoint("municipality", "Wijkteam Zwolle-Zuid");
        network.seedContactPoint("gp", "Huisartsenpraktijk De Linde - assistentie");
        network.seedContactPoint("provider", "Zorg en Welzijn IJsselland - planning");
        network.seedContactPoint("provider", "Zorg en Welzijn IJsselland - administratie");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        demo(network, out, Duration.ofSeconds(10)).run();

        assertThat(network.changes()).noneMatch(change -> change.contains("/api/v1/contact-points"));
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
            if (method.equals("POST") && path.equals("/api/v1/referrals")) {
                if (refuseReferrals) {
                    return new Object[] {400, "{\"title\":\"Bad request\",\"detail\":\"no\"}"};
                }
                JsonNode draft = json.readTree(body);
                String id = draft.path("addressee").asString().equals(MUNICIPALITY) ? REFERRAL_ID : DIRECT_REFERRAL_ID;
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
                    .put("at", "2026-11-23T12:00:0" + second + "Z");
            step.set("source", source);
            step.put("sourceVersion", version);
        }

        private Object[] municipality(String method, String path, String body) {
            if (path.equals("/api/v1/contact-points")) {
                return contactPoints("municipality", method, body);
            }
            if (method.equals("GET") && path.equals("/api/v1/cases")) {
                ArrayNode cases = json.createArrayNode();
                if (!municipalityNeverPulls && referrals.containsKey(REFERRAL_ID) && (caseStatus != null
                        || shows("cases"))) {
                    caseStatus = caseStatus == null ? "RECEIVED" : caseStatus;
                    caseVersion = Math.max(caseVersion, 1);
                    cases.add(caseSummary());
                }
                return ok(cases);
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

        private ObjectNode assignmentSummary(String id) {
            boolean onCase = id.equals(ASSIGNMENT_ID);
            ObjectNode a = json.createObjectNode().put("id", id).put("version", 1)
                    .put("status", assignmentStatus.get(id));
            a.putObject("basis").put("owner", onCase ? MUNICIPALITY : GP)
                    .put("objectType", onCase ? "case" : "referral")
                    .put("objectId", onCase ? CASE_ID : DIRECT_REFERRAL_ID);
            a.putObject("referral").put("owner", GP).put("objectType", "referral")
                    .put("objectId", onCase ? REFERRAL_ID : DIRECT_REFERRAL_ID);
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
