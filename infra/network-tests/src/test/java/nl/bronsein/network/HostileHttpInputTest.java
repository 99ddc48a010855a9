package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.network.HostileHttp.Answer;
import nl.bronsein.network.HostileHttp.Door;
import nl.bronsein.network.HostileHttp.Request;
import nl.bronsein.network.HostileInputs.Body;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.CatalogueApi;
import nl.bronsein.staffclient.InvolvementsApi;
import nl.bronsein.staffclient.QuestionsApi;
import nl.bronsein.staffclient.StaffClient;

/**
 * Every HTTP endpoint of the three nodes — staff door and network door, the admin rewind, the API documents and the
 * actuator — gets at least a thousand generated hostile requests (jqwik): oversized strings and bodies, wrong JSON
 * types, unicode edge cases, injection strings, missing and unknown fields, wrong content types, empty bodies, JSON
 * nested 100,000 deep, huge numbers, ids that are none, raw bytes in the request line; the network door as listed
 * participants (and one the list does not know). Expected: never a 5xx; every 4xx {@code application/problem+json};
 * and no partial write — a refused request changes no table of the node (only the audit trail grows, by at most one
 * row per audited request), so there is no outbox row and no notification for it. Accepted requests (a hostile-looking
 * but valid text) must each have exactly one outbox row for each participant the change is addressed to.
 *
 * <p>The nodes are frozen while the requests come in — relay, topic reading, inbox and catch-up stopped — so that only
 * requests can change a table; at the end they publish again and every record on the topics must be an outbox row.
 *
 * <p>Runs on PostgreSQL only: it is the production database and the stricter one (it refuses NUL characters and dates
 * outside its range, where H2 stores them), and the suite's budget does not allow the 63,000 requests twice; the H2
 * default is covered by every other network test. The runtime's endpoints (contact points, rewind, API documents,
 * actuator, the network door) are the same code on every node: each of their requests goes to one of the three.
 *
 * <p>The seed is fixed ({@value FuzzSeed#DEFAULT}) and printed, so a failure repeats; {@code -Dbronsein.fuzz.seed=N}
 * samples other inputs. Each property prints how many requests each endpoint got and the answers by status.
 */
@AddLifecycleHook(OnPostgreSQL.class)
@AddLifecycleHook(FuzzSeed.class)
class HostileHttpInputTest {

    /** Requests between two pictures of the node's tables; a try with an accepted change is checked at once. */
    private static final int TRIES_PER_CHECK = 20;
    private static final int TRIES = 1000;
    /** Tomcat's default limit on the request line and headers ({@code server.max-http-request-header-size}). */
    private static final int REQUEST_HEAD_LIMIT = 8 * 1024;

    private static TestNetwork network;
    private static HostileHttp http;
    private static Fixture fixture;
    private static final Map<String, Tally> tallies = new TreeMap<>();
    private static final Map<Participants, Watch> watches = new EnumMap<>(Participants.class);
    private static final AtomicBoolean failed = new AtomicBoolean();
    /** Hostile-looking but valid changes the nodes accepted (text with emoji, an injection string as a reason...). */
    private static int accepted;

    /** The objects the requests aim at, in the states their steps need. */
    record Fixture(String liveReferral, String withdrawnReferral, String caseReceived, String casePickedUp,
                   String caseGranted, String assignmentOffered, String assignmentAccepted,
                   Map<Participants, String> contactPoints, Issue18 issue18) {
    }

    /**
     * Issue 18's objects: a question open on both sides and one withdrawn, an involvement active and one ended with its
     * consent withdrawn (every step refused), and a service of the municipality's catalogue.
     */
    record Issue18(String openQuestion, String withdrawnQuestion, String activeInvolvement, String endedInvolvement,
                   String service) {
    }

    /** One endpoint: its node and door, method and path ({id}, {type} filled per request), a valid body to spoil. */
    record Endpoint(Participants node, boolean network, String method, String path, Map<String, Object> body,
                    List<String> ids, List<String> queryNames, boolean changes, boolean audited) {

        String name() {
            return node.stem + (network ? " network " : " staff ") + method + " " + path;
        }

        String everyNodeName() {
            return "every node" + (network ? " network " : " staff ") + method + " " + path;
        }
    }

    @BeforeContainer
    static void startAndFreeze() throws Exception {
        network = new TestNetwork().startNodes();
        http = new HostileHttp();
        fixture = buildFixture(new Chain(network));
        awaitSettled();
        for (Participants p : nodes()) {
            NodeTables.freeze(node(p));
        }
        awaitStable();
        for (Participants p : nodes()) {
            watches.put(p, new Watch(p));
        }
        System.out.printf("Hostile HTTP input: seed %s (another: -Dbronsein.fuzz.seed=N), %d tries per property%n",
                FuzzSeed.seed(), TRIES);
    }

    @AfterContainer
    static void everyNotificationIsAnOutboxRow() {
        try {
            if (network == null) {
                return;
            }
            System.out.printf("Hostile HTTP input: %d hostile-looking but valid changes were accepted, each with its outbox"
                    + " row%n", accepted);
            for (Participants p : nodes()) {
                NodeTables.thaw(node(p));
            }
            for (Participants p : nodes()) {
                JdbcClient db = jdbc(p);
                await().atMost(Chain.PATIENCE).until(() -> db.sql("select count(*) from outbox_entry where published_at is null")
                        .query(Long.class).single() == 0);
                Map<String, List<ConsumerRecord<String, byte[]>>> published = new TreeMap<>();
                for (String topic : network.topics().stream().filter(t -> t.startsWith("bronsein.")).toList()) {
                    published.put(topic, network.records(topic));
                }
                // read after the topics: the thawed node may meanwhile publish more, but never without its row first
                List<String> outbox = db.sql("select cast(event_id as varchar(36)) from outbox_entry").query(String.class).list();
                for (String topic : published.keySet()) {
                    for (ConsumerRecord<String, byte[]> record : published.get(topic)) {
                        if (p.urn.equals(header(record, "ce_source"))) {
                            assertThat(outbox).as("a notification of %s on %s without an outbox row", p, topic)
                                    .contains(header(record, "ce_id"));
                        }
                    }
                }
            }
        } finally {
            if (http != null) {
                http.close();
            }
            if (network != null) {
                network.close();
            }
        }
    }

    /**
     * One try sends a request to every endpoint at once — 63, so the nodes serve them concurrently, as they would real
     * clients — and the watches compare each node's tables. Not shrunk: a failure names its request, and shrinking
     * would send thousands again.
     */
    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
    void everyEndpointRefusesHostileInputWithoutWriting(@ForAll("everyEndpoint") List<Request> requests) {
        sendAndJudge(requests);
    }

    /** Where each property's time goes, printed with its report: the suite's budget is tight on two cores. */
    private static long lastTryEnded;
    private static long generating;
    private static long sending;
    private static long comparing;
    private static long bytesSent;

    private static void sendAndJudge(List<Request> requests) {
        long started = System.nanoTime();
        generating += lastTryEnded == 0 ? 0 : started - lastTryEnded;
        bytesSent += requests.stream().mapToLong(r -> (r.body() == null ? 0 : r.body().length) + r.pathAndQuery().length()).sum();
        List<Answer> answers = http.send(requests);
        long answered = System.nanoTime();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            failures.addAll(watches.get(nodeOf(requests.get(i))).judge(requests.get(i), answers.get(i)));
        }
        if (watches.values().stream().anyMatch(w -> w.rewound)) {
            // a rewound node read and pulled again until it was frozen anew: audit rows at the others are its pulls
            watches.values().stream().filter(w -> w.rewound).forEach(w -> refreezeAfterRewind(w.node));
            watches.values().forEach(w -> w.pulledByARewoundNode = true);
        }
        requests.stream().map(HostileHttpInputTest::nodeOf).distinct().forEach(node -> failures.addAll(watches.get(node).tried()));
        lastTryEnded = System.nanoTime();
        sending += answered - started;
        comparing += lastTryEnded - answered;
        if (!failures.isEmpty()) {
            failed.set(true);
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** Each property starts from what the node holds now (a rewind before may have changed it). */
    @BeforeProperty
    void picture() {
        watches.values().forEach(Watch::baseline);
    }

    @AfterProperty
    void report() {
        System.out.printf("Generated in %d ms, %d KB sent and answered in %d ms, tables compared in %d ms%n",
                generating / 1_000_000, bytesSent / 1024, sending / 1_000_000, comparing / 1_000_000);
        generating = sending = comparing = lastTryEnded = bytesSent = 0;
        List<String> failures = new ArrayList<>();
        watches.values().stream().filter(w -> w.pending > 0).forEach(w -> failures.addAll(w.check()));
        tallies.forEach((endpoint, tally) -> {
            if (!tally.reported) {
                System.out.println(tally);
                tally.reported = true;
                if (!failed.get() && tally.sent < FuzzSeed.tries(TRIES)) {
                    failures.add(endpoint + " got only " + tally.sent + " requests");
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    // --- the endpoints and their requests -------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Request>> everyEndpoint() {
        List<List<Endpoint>> endpoints = new ArrayList<>();
        endpoints.addAll(gpStaffEndpoints());
        endpoints.addAll(municipalityStaffEndpoints());
        endpoints.addAll(providerStaffEndpoints());
        endpoints.addAll(issue18StaffEndpoints());
        endpoints.addAll(issue19StaffEndpoints());
        endpoints.addAll(runtimeStaffEndpoints());
        endpoints.addAll(networkEndpoints());
        return oneEach(endpoints);
    }

    private static List<List<Endpoint>> gpStaffEndpoints() {
        Participants gp = Participants.GP;
        List<String> referrals = List.of(fixture.liveReferral(), fixture.withdrawnReferral());
        Map<String, Object> draft = Referrals.deVries(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback"));
        Map<String, Object> correction = new TreeMap<>(draft);
        correction.keySet().retainAll(Set.of("citizen", "requestedSupport", "problemAnalysis", "urgency", "contactPoint"));
        return List.of(
                staff(gp, "POST", "/api/v1/referrals", draft, List.of(), true, false),
                staff(gp, "GET", "/api/v1/referrals", null, List.of(), false, false),
                staff(gp, "GET", "/api/v1/referrals/{id}", null, referrals, false, true),
                staff(gp, "PUT", "/api/v1/referrals/{id}", correction, List.of(fixture.liveReferral()), true, false),
                staff(gp, "PUT", "/api/v1/referrals/{id}/contact-person",
                        Map.of("name", Referrals.CONTACT_PERSON, "relation", "dochter", "phone", Referrals.CONTACT_PERSON_PHONE),
                        List.of(fixture.liveReferral()), true, false),
                staff(gp, "GET", "/api/v1/referrals/{id}/timeline", null, referrals, false, false),
                staff(gp, "POST", "/api/v1/referrals/{id}/withdraw", null, List.of(fixture.withdrawnReferral()), true, false),
                staff(gp, "POST", "/api/v1/referrals/{id}/consent/withdraw", null, List.of(fixture.withdrawnReferral()), true,
                        false)).stream().map(List::of).toList();
    }

    private static List<List<Endpoint>> municipalityStaffEndpoints() {
        Participants m = Participants.MUNICIPALITY;
        List<String> cases = List.of(fixture.caseReceived(), fixture.casePickedUp(), fixture.caseGranted());
        return List.of(
                staff(m, "GET", "/api/v1/cases", null, List.of(), false, false),
                staff(m, "GET", "/api/v1/cases/{id}", null, cases, false, true),
                staff(m, "POST", "/api/v1/cases/{id}/pick-up", Map.of("contactPointId", fixture.contactPoints().get(m)), cases,
                        true, false),
                staff(m, "POST", "/api/v1/cases/{id}/decide", Map.of("outcome", "GRANTED", "productCategory", "rolstoel",
                        "reason", "Geen indicatie", "generalProvision", "Boodschappendienst"), cases, true, false),
                staff(m, "POST", "/api/v1/cases/{id}/assign", Map.of("provider", Participants.PROVIDER.urn), cases, true, false),
                staff(m, "POST", "/api/v1/cases/{id}/conclude", Map.of("conclusion", "Afgerond"), cases, true, false),
                staff(m, "POST", "/api/v1/cases/{id}/return", Map.of("municipality", Participants.OTHER_MUNICIPALITY.urn,
                        "reason", "Woont in Kampen"), cases, true, false),
                staff(m, "POST", "/api/v1/cases/{id}/close", Map.of("reason", "Burger ziet af van hulp"), cases, true, false))
                .stream().map(List::of).toList();
    }

    private static List<List<Endpoint>> providerStaffEndpoints() {
        Participants p = Participants.PROVIDER;
        List<String> assignments = List.of(fixture.assignmentOffered(), fixture.assignmentAccepted());
        return List.of(
                staff(p, "GET", "/api/v1/assignments", null, List.of(), false, false),
                staff(p, "GET", "/api/v1/assignments/{id}", null, assignments, false, true),
                staff(p, "POST", "/api/v1/assignments/{id}/accept", null, List.of(), true, false),
                staff(p, "POST", "/api/v1/assignments/{id}/decline", Map.of("reason", "Geen plek"), assignments, true, false),
                staff(p, "POST", "/api/v1/assignments/{id}/start-care", null, List.of(), true, false),
                staff(p, "POST", "/api/v1/assignments/{id}/end-care", Map.of("reason", "Doel bereikt"), assignments, true, false),
                // the fixture's assignments rest on a case or a Wmo referral: a request for them is always refused
                staff(p, "POST", "/api/v1/assignment-requests", Map.of("assignment", fixture.assignmentAccepted(),
                        "municipality", Participants.MUNICIPALITY.urn, "productCategory", "45A11"), List.of(), true, false),
                staff(p, "GET", "/api/v1/assignment-requests", null, List.of(), false, false),
                staff(p, "GET", "/api/v1/assignment-requests/{id}", null, List.of(), false, true),
                staff(p, "PUT", "/api/v1/assignment-requests/{id}", Map.of("productCategory", "45A12"), List.of(), true,
                        false),
                staff(p, "POST", "/api/v1/assignment-requests/{id}/withdraw", null, List.of(), true, false))
                .stream().map(List::of).toList();
    }

    /**
     * The citizen's access report at both desks (issue 19), for a citizen neither node holds an object about: a hostile
     * BSN must be refused, and an accepted one writes its own record and asks no other node.
     */
    private static List<List<Endpoint>> issue19StaffEndpoints() {
        Map<String, Object> citizen = Map.of("bsn", TestCitizens.SEM_BSN);
        return List.of(
                staff(Participants.GP, "POST", "/api/v1/citizen-access", citizen, List.of(), false, true),
                staff(Participants.MUNICIPALITY, "POST", "/api/v1/citizen-access", citizen, List.of(), false, true))
                .stream().map(List::of).toList();
    }

    /** The targeted question at both owners and the wijkteam's involvement (issue 18). */
    private static List<List<Endpoint>> issue18StaffEndpoints() {
        Participants gp = Participants.GP;
        Participants m = Participants.MUNICIPALITY;
        Issue18 objects = fixture.issue18();
        List<String> questions = List.of(objects.openQuestion(), objects.withdrawnQuestion());
        List<String> involvements = List.of(objects.activeInvolvement(), objects.endedInvolvement());
        Map<String, Object> ask = Map.of("caseId", fixture.caseReceived(), "purpose", "intake",
                "question", "Woont zij alleen?", "answerBy", "2099-01-01");
        Map<String, Object> correction = Map.of("citizen", Map.of("bsn", TestCitizens.JANSEN_BSN, "name",
                        TestCitizens.JANSEN, "birthDate", TestCitizens.JANSEN_BIRTH_DATE), "since", "2026-11-02",
                "contactPointId", fixture.contactPoints().get(m), "gpPractice", gp.urn);
        Map<String, Object> involvement = new TreeMap<>(correction);
        involvement.put("consent", Map.of("givenAt", "2026-11-01T09:00:00Z", "form", "ORAL",
                "purposes", List.of("care-coordination")));
        return List.of(
                staff(gp, "GET", "/api/v1/questions", null, List.of(), false, false),
                staff(gp, "GET", "/api/v1/questions/{id}", null, questions, false, true),
                staff(gp, "POST", "/api/v1/questions/{id}/answer", Map.of("answer", "Ja."), questions, true, false),
                staff(gp, "POST", "/api/v1/questions/{id}/refuse", Map.of("reason", "Beroepsgeheim"), questions, true,
                        false),
                staff(gp, "GET", "/api/v1/involvements", null, List.of(), false, true),
                staff(m, "POST", "/api/v1/questions", ask, List.of(), true, false),
                staff(m, "GET", "/api/v1/questions", null, List.of(), false, false),
                staff(m, "GET", "/api/v1/questions/{id}", null, questions, false, true),
                staff(m, "POST", "/api/v1/questions/{id}/withdraw", null, List.of(objects.withdrawnQuestion()), true,
                        false),
                staff(m, "POST", "/api/v1/involvements", involvement, List.of(), true, false),
                staff(m, "GET", "/api/v1/involvements", null, List.of(), false, true),
                staff(m, "GET", "/api/v1/involvements/{id}", null, involvements, false, true),
                staff(m, "PUT", "/api/v1/involvements/{id}", correction, involvements, true, false),
                staff(m, "POST", "/api/v1/involvements/{id}/end", null, List.of(objects.endedInvolvement()), true, false),
                staff(m, "POST", "/api/v1/involvements/{id}/consent/withdraw", null, List.of(objects.endedInvolvement()),
                        true, false))
                .stream().map(List::of).toList();
    }

    /**
     * Contact points, the service catalogue, the admin rewind, the processing log, the API document and the actuator:
     * the runtime's own endpoints, the same code on every node — so each request goes to one of the three nodes, and
     * the endpoint counts its requests over all.
     */
    private static List<List<Endpoint>> runtimeStaffEndpoints() {
        List<List<Endpoint>> endpoints = new ArrayList<>();
        for (int i = 0; i < runtimeStaffEndpoints(Participants.GP).size(); i++) {
            List<Endpoint> onEveryNode = new ArrayList<>();
            for (Participants node : nodes()) {
                onEveryNode.add(runtimeStaffEndpoints(node).get(i));
            }
            endpoints.add(onEveryNode);
        }
        return endpoints;
    }

    private static List<Endpoint> runtimeStaffEndpoints(Participants node) {
        Map<String, Object> contactPoint = Map.of("name", "Balie " + node.organisation, "phone", "038-1234567",
                "email", "balie@example.nl", "effectiveFrom", "2026-01-01T00:00:00Z");
        List<String> own = List.of(fixture.contactPoints().get(node));
        // only the municipality's node has the service as its own; elsewhere a step is refused, but the body still read
        Map<String, Object> service = Map.of("name", "Dagbesteding", "kind", "GENERAL_PROVISION",
                "providers", List.of(Participants.PROVIDER.urn), "effectiveFrom", "2026-01-01");
        List<String> services = List.of(fixture.issue18().service());
        return List.of(
                staff(node, "GET", "/api/v1/catalogue", null, List.of(), false, false),
                staff(node, "POST", "/api/v1/catalogue/services", service, List.of(), true, false),
                staff(node, "GET", "/api/v1/catalogue/services/{id}", null, services, false, false),
                staff(node, "PUT", "/api/v1/catalogue/services/{id}", service, services, true, false),
                staff(node, "POST", "/api/v1/catalogue/services/{id}/retire", Map.of("effectiveUntil", "2099-01-01"),
                        services, true, false),
                staff(node, "POST", "/api/v1/contact-points", contactPoint, List.of(), true, false),
                staff(node, "GET", "/api/v1/contact-points", null, List.of(), false, false),
                staff(node, "GET", "/api/v1/contact-points/directory", null, List.of(), false, false),
                staff(node, "GET", "/api/v1/contact-points/{id}", null, own, false, false),
                staff(node, "POST", "/api/v1/contact-points/{id}/changes", contactPoint, own, true, false),
                staff(node, "POST", "/api/v1/admin/rewind", Map.of("from", "2026-01-01T00:00:00Z", "rebuild", false),
                        List.of(), false, false),
                // a read of the processing log is itself recorded: one row, as an audited request may write
                staff(node, "POST", "/api/v1/processing-records/search", Map.of("bsn", TestCitizens.JANSEN_BSN,
                        "party", Participants.MUNICIPALITY.urn, "purpose", "intake", "from", "2026-01-01T00:00:00Z",
                        "to", "2099-01-01T00:00:00Z", "page", 0, "size", 50), List.of(), false, true),
                staff(node, "POST", "/api/v1/processing-records/export", Map.of("from", "2099-01-01T00:00:00Z",
                        "to", "2099-01-02T00:00:00Z"), List.of(), false, true),
                staff(node, "GET", "/api/openapi.json", null, List.of(), false, false),
                staff(node, "GET", "/actuator/health/{id}", null, List.of("db", "kafka", "outbox", "ping"), false, false),
                staff(node, "GET", "/actuator/metrics/{id}", null, List.of("bronsein.outbox.backlog", "jvm.memory.used"),
                        false, false));
    }

    /** The network door is the runtime's too: each request goes to one node, as one of the listed participants. */
    private static List<List<Endpoint>> networkEndpoints() {
        List<Endpoint> objects = new ArrayList<>();
        List<Endpoint> history = new ArrayList<>();
        List<Endpoint> document = new ArrayList<>();
        for (Participants owner : nodes()) {
            List<String> ids = new ArrayList<>(List.of(fixture.contactPoints().get(owner)));
            switch (owner) {
                case GP -> ids.addAll(List.of(fixture.liveReferral(), fixture.withdrawnReferral()));
                case MUNICIPALITY -> ids.addAll(List.of(fixture.caseReceived(), fixture.caseGranted(),
                        fixture.issue18().openQuestion(), fixture.issue18().activeInvolvement(), fixture.issue18().service()));
                default -> ids.addAll(List.of(fixture.assignmentOffered(), fixture.assignmentAccepted()));
            }
            objects.add(new Endpoint(owner, true, "GET", "/network/v1/objects/{type}/{id}", null, ids, List.of("purpose"),
                    false, true));
            history.add(new Endpoint(owner, true, "GET", "/network/v1/notifications", null, List.of(),
                    List.of("afterSequence", "since", "limit"), false, true));
            document.add(new Endpoint(owner, true, "GET", "/network/v1/openapi.json", null, List.of(), List.of(), false, false));
        }
        return List.of(objects, history, document);
    }

    private static Endpoint staff(Participants node, String method, String path, Map<String, Object> body, List<String> ids,
                                  boolean changes, boolean audited) {
        return new Endpoint(node, false, method, path, body == null ? null : new TreeMap<>(body), ids, List.of(), changes,
                audited);
    }

    /**
     * One request to every endpoint per try — so each gets exactly as many requests as there are tries — made for one
     * of the nodes that serve it.
     */
    private static Arbitrary<List<Request>> oneEach(List<List<Endpoint>> endpoints) {
        List<Arbitrary<Request>> each = new ArrayList<>();
        for (List<Endpoint> onNodes : endpoints) {
            onNodes.forEach(e -> endpointsByName.put(e.name(), e));
            String label = onNodes.size() == 1 ? onNodes.get(0).name() : onNodes.get(0).everyNodeName();
            tallies.putIfAbsent(label, new Tally(label));
            List<Arbitrary<Request>> variants = onNodes.stream().map(e -> requests(e, label)).toList();
            each.add(variants.size() == 1 ? variants.get(0) : Arbitraries.oneOf(variants));
        }
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<Request> requests(Endpoint e, String label) {
        Arbitrary<String> path = pathOf(e);
        Arbitrary<String> query = e.method().equals("GET") || e.network()
                ? Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(2, queryOf(e)))
                : Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("")), Tuple.of(1, HostileInputs.query(List.of())));
        Arbitrary<Body> body = e.body() != null ? HostileInputs.bodies(e.body())
                : Arbitraries.frequencyOf(Tuple.of(e.method().equals("GET") ? 9 : 3, Arbitraries.just(new Body(null,
                        HostileInputs.Kind.NO_BODY))), Tuple.of(1, HostileInputs.wholeBodies("{}")));
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.just(e.method())),
                Tuple.of(1, Arbitraries.of("PATCH", "DELETE", "OPTIONS", "TRACE", "PUT", "POST", "GET", "HEAD", "BREW")));
        Arbitrary<byte[]> raw = Arbitraries.frequencyOf(Tuple.of(24, Arbitraries.just((byte[]) null)),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF},
                        "%zz".getBytes(StandardCharsets.US_ASCII), "%".getBytes(StandardCharsets.US_ASCII),
                        "\t/x".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, "/../../..".getBytes(StandardCharsets.US_ASCII),
                        "\\..\\".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        Arbitrary<Door> door = e.network() ? Arbitraries.of(networkDoors(e.node())) : Arbitraries.just(staffDoor(e.node()));
        Arbitrary<String> authorization = e.network() ? Arbitraries.just((String) null) : authorizations(e.node());
        return Combinators.combine(path, query, body, HostileInputs.contentTypes(), method, raw, door, authorization)
                .as((p, q, b, contentType, m, rawTail, d, auth) -> new Request(label, e.name(), d, m, p + q,
                        rawTail == null ? null : concat((p + q).getBytes(StandardCharsets.ISO_8859_1), rawTail),
                        b.bytes() == null && contentType.equals("application/json") ? null : contentType, b.bytes(), auth,
                        b.kind().name()));
    }

    private static Arbitrary<String> pathOf(Endpoint e) {
        Arbitrary<String> id = e.ids().isEmpty() ? HostileInputs.pathIds()
                : Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(e.ids())), Tuple.of(3, HostileInputs.pathIds()));
        Arbitrary<String> type = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("referral", "case", "assignment", "contact-point", "question", "answer",
                        "involvement", "service")),
                Tuple.of(1, HostileInputs.strings().map(HostileInputs::encode)));
        return Combinators.combine(id, type).as((i, t) -> e.path().replace("{id}", i).replace("{type}", t));
    }

    private static Arbitrary<String> queryOf(Endpoint e) {
        if (e.queryNames().contains("purpose")) {
            Arbitrary<String> purpose = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.of("intake", "referral-feedback", "care-delivery", "assignment-follow-up",
                            "contact-points", "targeted-question", "care-coordination", "catalogue")),
                    Tuple.of(3, HostileInputs.strings().map(HostileInputs::encode)));
            return Combinators.combine(purpose, Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                            Tuple.of(1, HostileInputs.query(e.queryNames()).map(q -> "&" + q.substring(1)))))
                    .as((p, more) -> "?purpose=" + p + more);
        }
        return HostileInputs.query(e.queryNames());
    }

    private static Arbitrary<String> authorizations(Participants node) {
        String valid = "Bearer " + network.staffToken(node);
        Participants other = node == Participants.GP ? Participants.MUNICIPALITY : Participants.GP;
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(valid)),
                Tuple.of(1, Arbitraries.of("", "Bearer", "Bearer " + "x".repeat(9_000), "Basic YWRtaW46YWRtaW4=",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer " + network.staffToken(other),
                        "Bearer " + network.staffToken(node, "UNKNOWN_ROLE"), valid + "x", valid.replace('.', '!'))));
    }

    // --- checking ---------------------------------------------------------------------------------------------------

    /**
     * Watches one node: judges every answer, and every {@link #TRIES_PER_CHECK} tries (at once after an accepted change)
     * compares the node's tables with the picture before. Says what is wrong rather than throwing, so that one failure
     * does not leave the next check with work this one did not finish.
     */
    private static final class Watch {

        private final Participants node;
        private NodeTables.Snapshot before;
        private int tries;
        private int pending;
        private int audited;
        private final List<String> acceptedChanges = new ArrayList<>();
        private boolean rewound;
        private boolean pulledByARewoundNode;
        /**
         * Rows still owed by requests of earlier checks. A request nobody recorded before serving it gets its row from
         * an engine valve once Tomcat has answered it ({@code DoorAudit}), so the client may hold its answer before the
         * row is written, and the row lands in the next check. Judging each check alone failed a CI run ("2 audit rows
         * written at GP for 1 audited requests", the second an {@code openapi.json} "answered 200 OK" of the try before);
         * the bound that holds is the running one: never more rows than audited requests so far.
         */
        private long owed;

        Watch(Participants node) {
            this.node = node;
            baseline();
        }

        void baseline() {
            before = NodeTables.of(jdbc(node));
            pending = 0;
            audited = 0;
            owed = 0;
            pulledByARewoundNode = false;
        }

        /** Never a 5xx; every 4xx problem+json; and notes what the request may have changed. */
        List<String> judge(Request request, Answer answer) {
            Endpoint endpoint = endpointsByName.get(request.endpoint());
            tallies.get(request.label()).count(answer);
            // another method on the same path may be an audited read (GET /api/v1/referrals/{id} for its PUT)
            if (endpoint.audited() || endpoint.network() || !request.method().equals(endpoint.method())) {
                audited++;
            }
            boolean accepted = answer.status() >= 200 && answer.status() < 300 && request.method().equals(endpoint.method());
            if (accepted && endpoint.changes()) {
                try {
                    // a catalogue service is shown as its view, which names its id objectId
                    tools.jackson.databind.JsonNode changed = TestNetwork.JSON.readTree(answer.body());
                    acceptedChanges.add(changed.path(changed.has("id") ? "id" : "objectId").asString());
                } catch (tools.jackson.core.JacksonException notOneObject) {
                    return List.of("answered " + answer.status() + " to " + request + " with no single JSON object: "
                            + answer.body().substring(0, Math.min(300, answer.body().length())));
                }
            }
            // a rewind that failed halfway has started the node's reading again too
            rewound |= (accepted || answer.status() >= 500) && endpoint.path().equals("/api/v1/admin/rewind");
            if (answer.status() == 0 && (headLength(request) > REQUEST_HEAD_LIMIT
                    || (request.rawPath() != null && request.body() != null))) {
                // Tomcat refuses a request head past its limit, or a request line that is no URI, as it arrives, and
                // closes the connection: a client still sending (the rest of the head, a body) may hear nothing back
                return List.of();
            }
            if (answer.status() < 100 || answer.status() >= 500) {
                return List.of("answered " + answer.status() + " to " + request + ": " + answer.body());
            }
            if (answer.status() >= 400 && !request.method().equals("HEAD")
                    && (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json"))) {
                return List.of("answered " + answer.status() + " as " + answer.contentType() + " to " + request);
            }
            return List.of();
        }

        List<String> tried() {
            tries++;
            pending++;
            return tries % TRIES_PER_CHECK == 0 || !acceptedChanges.isEmpty() || rewound ? check() : List.of();
        }

        /** Nothing changed but the audit trail; or exactly one outbox row per accepted change. */
        List<String> check() {
            NodeTables.Snapshot now = NodeTables.of(jdbc(node));
            List<String> failures = new ArrayList<>();
            List<String> changed = new ArrayList<>(now.changedSince(before));
            changed.remove(NodeTables.AUDIT);
            // an accepted change brings its own record (name 'change', in the change's transaction), checked with its
            // outbox row below: the bound here is on the records of requests
            long changeRecords = jdbc(node).sql("select count(*) from audit_record where id > :last and name = 'change'")
                    .param("last", before.lastAuditId()).query(Long.class).single();
            long auditRows = now.rows(NodeTables.AUDIT) - before.rows(NodeTables.AUDIT) - changeRecords;
            if (auditRows > audited + owed && !pulledByARewoundNode) {
                failures.add(auditRows + " audit rows written at " + node + " for " + audited + " audited requests (and "
                        + owed + " rows owed by earlier ones): "
                        + jdbc(node).sql("select caller, object_type, purpose, outcome, reason from audit_record where id > "
                        + before.lastAuditId()).query().listOfRows());
            }
            // after a rewound node's pulls nobody can tell this check's rows from theirs: all of them may still be owed
            owed = pulledByARewoundNode ? owed + audited : Math.max(0, owed + audited - auditRows);
            if (acceptedChanges.isEmpty() && !rewound && !changed.isEmpty()) {
                failures.add("refused requests changed the tables " + changed + " of " + node);
            }
            if (!acceptedChanges.isEmpty()) {
                long outboxRows = now.rows("outbox_entry") - before.rows("outbox_entry");
                List<Map<String, Object>> rows = jdbc(node).sql("select subject, recipient from outbox_entry order by id desc")
                        .query().listOfRows().subList(0, (int) Math.max(0, outboxRows));
                List<String> subjects = rows.stream().map(r -> (String) r.get("subject")).toList();
                // a rewind may re-handle a changed referral, and the case notify it: then only contain the accepted ones
                boolean exact = !rewound;
                if (exact ? !oneRowPerAddressee(rows, acceptedChanges) : !subjects.containsAll(acceptedChanges)) {
                    failures.add("outbox rows of " + node + " about " + subjects + " for the accepted changes of "
                            + acceptedChanges);
                }
                accepted += acceptedChanges.size();
            }
            before = now;
            pending = 0;
            audited = 0;
            acceptedChanges.clear();
            rewound = false;
            pulledByARewoundNode = false;
            return failures;
        }
    }

    /**
     * Each accepted change has exactly one row for each participant it is addressed to (a generic topic's row has none):
     * a case assigned is told to the GP and to the provider, so one accepted step may be two rows about the case.
     */
    private static boolean oneRowPerAddressee(List<Map<String, Object>> rows, List<String> acceptedChanges) {
        Map<String, Long> changes = new TreeMap<>();
        acceptedChanges.forEach(subject -> changes.merge(subject, 1L, Long::sum));
        Map<List<Object>, Long> perAddressee = new HashMap<>();
        rows.forEach(r -> perAddressee.merge(java.util.Arrays.asList(r.get("subject"), r.get("recipient")), 1L, Long::sum));
        return perAddressee.keySet().stream().map(k -> (String) k.get(0)).collect(java.util.stream.Collectors.toSet())
                .equals(changes.keySet())
                && perAddressee.entrySet().stream().allMatch(e -> e.getValue().equals(changes.get((String) e.getKey().get(0))));
    }

    /**
     * A rewind the generator could not help making valid (e.g. {@code "from": 0}) starts the node's reading and handling
     * again: freeze it anew, so that the next picture is again one that only requests can change.
     */
    private static void refreezeAfterRewind(Participants node) {
        System.out.printf("%s accepted a rewind; freezing it again%n", node);
        NodeTables.freeze(node(node));
    }

    /** Every node has published its outbox and handled its inbox. */
    private static void awaitSettled() {
        await().atMost(Chain.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> nodes().stream().allMatch(p ->
                jdbc(p).sql("select count(*) from outbox_entry where published_at is null").query(Long.class).single() == 0
                        && jdbc(p).sql("select count(*) from inbox_entry where status = 'RECEIVED'").query(Long.class).single() == 0));
    }

    /** No node's tables change for a second. */
    private static void awaitStable() {
        Map<Participants, NodeTables.Snapshot> last = new HashMap<>();
        await().atMost(Chain.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            boolean same = true;
            for (Participants p : nodes()) {
                NodeTables.Snapshot now = NodeTables.of(jdbc(p));
                same &= now.equals(last.put(p, now));
            }
            return same;
        });
    }

    // --- the fixture ------------------------------------------------------------------------------------------------

    private static Fixture buildFixture(Chain chain) {
        Map<Participants, String> contactPoints = new EnumMap<>(Participants.class);
        for (Participants p : nodes()) {
            contactPoints.put(p, network.publishContactPoint(p, "Balie " + p.organisation, "038-4981234"));
        }
        String live = chain.referToMunicipality();
        String caseReceived = chain.awaitCase(live);
        String casePickedUp = chain.awaitCase(chain.referToMunicipality());
        chain.pickUp(casePickedUp, contactPoints.get(Participants.MUNICIPALITY));
        String caseGranted = chain.awaitCase(chain.referToMunicipality());
        chain.pickUp(caseGranted, contactPoints.get(Participants.MUNICIPALITY));
        chain.decide(caseGranted, CasesApi.Decision.granted("rolstoel"));
        String offered = chain.awaitAssignment(chain.refer(Participants.PROVIDER.urn, List.of("intake", "referral-feedback")));
        String accepted = chain.awaitAssignment(chain.refer(Participants.PROVIDER.urn, List.of("intake", "referral-feedback")));
        chain.accept(accepted);
        String withdrawn = chain.refer(Participants.MUNICIPALITY.urn, List.of("intake"));
        assertThat(network.staffPost(Participants.GP, "/api/v1/referrals/" + withdrawn + "/withdraw", "").statusCode())
                .isEqualTo(200);
        return new Fixture(live, withdrawn, caseReceived, casePickedUp, caseGranted, offered, accepted, contactPoints,
                issue18(chain, caseReceived, contactPoints.get(Participants.MUNICIPALITY)));
    }

    private static Issue18 issue18(Chain chain, String caseId, String wijkteam) {
        StaffClient municipality = network.staff(Participants.MUNICIPALITY);
        QuestionsApi.Ask ask = new QuestionsApi.Ask(caseId, "intake", "Woont zij alleen?", LocalDate.of(2099, 1, 1));
        String open = municipality.questions().ask(ask).id();
        String withdrawn = municipality.questions().ask(ask).id();
        municipality.questions().withdraw(withdrawn);
        // the practice answers only a question it has pulled
        chain.awaitValue(() -> network.staffGet(Participants.GP, "/api/v1/questions/" + open).statusCode(), s -> s == 200);
        InvolvementsApi.Form form = new InvolvementsApi.Form(new InvolvementsApi.Citizen(TestCitizens.JANSEN_BSN,
                TestCitizens.JANSEN, LocalDate.parse(TestCitizens.JANSEN_BIRTH_DATE)), LocalDate.of(2026, 11, 2), null,
                wijkteam, Participants.GP.urn, new InvolvementsApi.Consent(Instant.parse("2026-11-01T09:00:00Z"), "ORAL",
                List.of("care-coordination")));
        String active = municipality.involvements().start(form).id();
        String ended = municipality.involvements().start(form).id();
        municipality.involvements().end(ended);
        municipality.involvements().withdrawConsent(ended);
        String service = municipality.catalogue().publish(new CatalogueApi.ServiceForm("Dagbesteding",
                "GENERAL_PROVISION", "Overdag", List.of(Participants.PROVIDER.urn), 4, LocalDate.of(2026, 1, 1), null))
                .objectId();
        return new Issue18(open, withdrawn, active, ended, service);
    }

    // --- the doors --------------------------------------------------------------------------------------------------

    private static final Map<Participants, Door> staffDoors = new EnumMap<>(Participants.class);
    private static final Map<Participants, List<Door>> networkDoors = new EnumMap<>(Participants.class);

    private static Door staffDoor(Participants node) {
        return staffDoors.computeIfAbsent(node, n -> new Door("staff of " + n.stem,
                "http://127.0.0.1:" + network.staffPorts.get(n), java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build(), SocketFactory.getDefault()));
    }

    /** The owner's network door as every listed participant, and as one whose certificate the list does not pin. */
    private static List<Door> networkDoors(Participants owner) {
        return networkDoors.computeIfAbsent(owner, o -> {
            Map<String, NodeCredentials> callers = new LinkedHashMap<>();
            network.credentials.forEach((p, credentials) -> callers.put(p.stem, credentials));
            callers.put("unlisted", network.ca.issue(NodeCertificateRequest.of("Onbekende praktijk", "11223344")));
            List<Door> doors = new ArrayList<>();
            callers.forEach((caller, credentials) -> {
                java.net.http.HttpClient client = network.networkClient(credentials);
                doors.add(new Door(caller, "https://localhost:" + network.networkPorts.get(o), client,
                        client.sslContext().getSocketFactory()));
            });
            return doors;
        });
    }

    /** The node behind the door a request went to. */
    private static Participants nodeOf(Request request) {
        for (Participants p : nodes()) {
            if (request.door().base().endsWith(":" + network.networkPorts.get(p))
                    || request.door().base().endsWith(":" + network.staffPorts.get(p))) {
                return p;
            }
        }
        throw new IllegalStateException("no node behind " + request.door().base());
    }

    private static final Map<String, Endpoint> endpointsByName = new HashMap<>();

    // --- small things -----------------------------------------------------------------------------------------------

    /** Answers per status for one endpoint, and its slowest answer. */
    private static final class Tally {

        private final String endpoint;
        private final Map<Integer, Integer> byStatus = new TreeMap<>();
        private int sent;
        private long slowest;
        private boolean reported;

        Tally(String endpoint) {
            this.endpoint = endpoint;
        }

        synchronized void count(Answer answer) {
            sent++;
            byStatus.merge(answer.status(), 1, Integer::sum);
            slowest = Math.max(slowest, answer.millis());
        }

        @Override
        public String toString() {
            return String.format("%-62s %5d requests, slowest %5d ms, answers by status %s", endpoint, sent, slowest, byStatus);
        }
    }

    private static List<Participants> nodes() {
        return List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER);
    }

    private static ConfigurableApplicationContext node(Participants p) {
        return switch (p) {
            case GP -> network.gp;
            case MUNICIPALITY -> network.municipality;
            case PROVIDER -> network.provider;
            case OTHER_MUNICIPALITY -> throw new IllegalArgumentException("no node runs for " + p);
        };
    }

    private static JdbcClient jdbc(Participants p) {
        return node(p).getBean(JdbcClient.class);
    }

    private static int headLength(Request request) {
        return request.pathAndQuery().length() + (request.authorization() == null ? 0 : request.authorization().length())
                + (request.contentType() == null ? 0 : request.contentType().length());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
