package nl.bronsein.localnetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import nl.bronsein.localnetwork.Participants.Participant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mrs De Vries's story against a running network, through the nodes' staff APIs only. Every node publishes its
 * function-level contact point; the GP refers her to the municipality for a wheelchair and directly to the provider
 * for a welfare coach; the municipality takes the referral in as a case, picks it up, grants, assigns the provider and
 * concludes; the provider accepts and starts care on both; the GP changes her contact person and the municipality and
 * the provider see it; finally the GP's two timelines and where to look.
 *
 * <p>Each step is one line. What happens at another node (a case opened, an assignment offered, a copy refreshed) is
 * waited for by polling that node's staff API, for at most {@link #DEFAULT_WAIT}; a wait that runs out says what it
 * waited for. Personal data is printed only as a node's staff API returns it (the contact person's name, to show that
 * the change arrived); the rest is labels, statuses and ids.
 */
final class Demo {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    /** How the steps name the node that acts; the same words as the launcher's. */
    private static final String GP_NODE = Participants.GP.label();
    private static final String MUNICIPALITY_NODE = Participants.MUNICIPALITY.label();
    private static final String PROVIDER_NODE = Participants.PROVIDER.label();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    static final String GP_CONTACT_POINT_NAME = "Huisartsenpraktijk De Linde - assistentie";
    static final String MUNICIPALITY_CONTACT_POINT_NAME = "Wijkteam Zwolle-Zuid";
    static final String PROVIDER_CONTACT_POINT_NAME = "Zorg en Welzijn IJsselland - planning";

    static final String GP_CONTACT_POINT = """
            {"name":"Huisartsenpraktijk De Linde - assistentie","phone":"038-1234567",\
            "email":"assistentie@delinde.example"}""";
    static final String MUNICIPALITY_CONTACT_POINT = """
            {"name":"Wijkteam Zwolle-Zuid","phone":"038-4981234","email":"wijkteam-zuid@zwolle.example"}""";
    static final String PROVIDER_CONTACT_POINT = """
            {"name":"Zorg en Welzijn IJsselland - planning","phone":"038-7654321",\
            "email":"planning@zwij.example"}""";

    static final String WHEELCHAIR = "Rolstoel (Wmo maatwerkvoorziening)";
    static final String WELFARE_COACH = "Welzijnscoach (Welzijn op Recept)";
    static final String PRODUCT_CATEGORY = "rolstoel";
    static final String CONCLUSION = "Rolstoel geleverd; wijkteam blijft betrokken";

    /** The informal carer on the referrals as recorded, and the one the GP changes it to. */
    static final String FIRST_CONTACT_PERSON = "Marijke de Vries";
    static final String NEW_CONTACT_PERSON = "Jan de Vries";
    static final String NEW_CONTACT_PERSON_JSON = """
            {"name":"Jan de Vries","relation":"son (mantelzorger)","phone":"06-87654321"}""";

    /** What the GP's timeline of each referral must show once the story has been played. */
    static final List<String> MUNICIPALITY_REFERRAL_MILESTONES = List.of("ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
            "PROVIDER_ASSIGNED", "CARE_STARTED", "CONCLUDED");
    static final List<String> DIRECT_REFERRAL_MILESTONES = List.of("ARRIVED", "PICKED_UP", "CARE_STARTED");

    /**
     * A demo referral; {@code GIVEN_AT} becomes an hour before now, {@code PURPOSES}, {@code REQUESTED_SUPPORT} and
     * {@code ADDRESSEE} depend on where it goes.
     */
    static final String REFERRAL_TEMPLATE = """
            {"citizen":{"bsn":"999993653","name":"G. de Vries-Bakker","birthDate":"1944-03-12",\
            "address":{"street":"Dorpsstraat","houseNumber":"12","postalCode":"8011 AB","city":"Zwolle"},\
            "phone":"038-4211234"},\
            "contactPerson":{"name":"Marijke de Vries","relation":"daughter (mantelzorger)","phone":"06-12345678"},\
            "consent":{"givenAt":"GIVEN_AT","form":"SIGNED","documentReference":"HIS-2026-0042",\
            "purposes":PURPOSES},\
            "requestedSupport":"REQUESTED_SUPPORT",\
            "problemAnalysis":"Lives alone since her husband died; can no longer walk to the shops; wants to keep \
            living at home.",\
            "urgency":"REGULAR",\
            "contactPoint":{"name":"Huisartsenpraktijk De Linde - assistentie","phone":"038-1234567",\
            "email":"assistentie@delinde.example"},\
            "addressee":"ADDRESSEE"}""";

    /** The demo failed; the message says what and where. */
    static final class DemoException extends Exception {
        private static final long serialVersionUID = 1L;

        DemoException(String message) {
            super(message);
        }
    }

    /**
     * What the demo did: the GP's two referrals, the municipality's case, the provider's two assignments (on the case,
     * on the direct referral), the GP's final timelines of both referrals, and how long it took.
     */
    record Result(String referralId, String directReferralId, String caseId, String assignmentId,
                  String directAssignmentId, JsonNode timeline, JsonNode directTimeline, Duration duration) {
    }

    private final URI gp;
    private final URI municipality;
    private final URI provider;
    private final PrintStream out;
    private final Duration wait;
    private final Clock clock;
    private final Map<URI, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private int step;

    Demo(URI gp, URI municipality, URI provider, PrintStream out) {
        this(gp, municipality, provider, out, DEFAULT_WAIT, Clock.systemUTC());
    }

    Demo(URI gp, URI municipality, URI provider, PrintStream out, Duration wait, Clock clock) {
        this(gp, municipality, provider, Map.of(), out, wait, clock);
    }

    /** @param tokens the staff token to use at each node's staff API, by the node's base URL */
    Demo(URI gp, URI municipality, URI provider, Map<URI, String> tokens, PrintStream out, Duration wait, Clock clock) {
        this.tokens = Map.copyOf(tokens);
        this.gp = gp;
        this.municipality = municipality;
        this.provider = provider;
        this.out = out;
        this.wait = wait;
        this.clock = clock;
    }

    /** The referral to the municipality (wheelchair) with its consent given an hour before {@code now}. */
    static String referralJson(Instant now) {
        return referralJson(now, Participants.MUNICIPALITY.id(), WHEELCHAIR,
                List.of("intake", "referral-feedback", "care-delivery"));
    }

    /** The direct referral to the provider (welfare coach) with its consent given an hour before {@code now}. */
    static String directReferralJson(Instant now) {
        return referralJson(now, Participants.PROVIDER.id(), WELFARE_COACH, List.of("intake", "referral-feedback"));
    }

    private static String referralJson(Instant now, String addressee, String requestedSupport, List<String> purposes) {
        String purposeArray = "[" + String.join(",", purposes.stream().map(p -> "\"" + p + "\"").toList()) + "]";
        return REFERRAL_TEMPLATE
                .replace("GIVEN_AT", now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("PURPOSES", purposeArray)
                .replace("REQUESTED_SUPPORT", requestedSupport)
                .replace("ADDRESSEE", addressee);
    }

    /** The body of a pick-up: the municipality's own published contact point. */
    static String pickUpJson(String contactPointId) {
        return "{\"contactPointId\":\"" + contactPointId + "\"}";
    }

    /** The staff API resource where a node's work shows, for the "where to look" lines. */
    static String mainResource(Participant participant) {
        if (participant == Participants.GP) {
            return "/api/v1/referrals";
        }
        if (participant == Participants.MUNICIPALITY) {
            return "/api/v1/cases";
        }
        return "/api/v1/assignments";
    }

    Result run() throws DemoException {
        long begin = System.nanoTime();
        out.println("Mrs De Vries (82) lives alone in Zwolle and can no longer walk to the shops. Her GP refers her for"
                + " a wheelchair (Wmo, via Gemeente Zwolle) and for a welfare coach (directly to Zorg en Welzijn"
                + " IJsselland).");

        String gpContactPoint = contactPoint(GP_NODE, gp, GP_CONTACT_POINT_NAME, GP_CONTACT_POINT);
        String municipalityContactPoint = contactPoint(MUNICIPALITY_NODE, municipality, MUNICIPALITY_CONTACT_POINT_NAME,
                MUNICIPALITY_CONTACT_POINT);
        String providerContactPoint = contactPoint(PROVIDER_NODE, provider, PROVIDER_CONTACT_POINT_NAME,
                PROVIDER_CONTACT_POINT);

        JsonNode referral = send(GP_NODE, gp, "POST", "/api/v1/referrals", referralJson(clock.instant()), 201);
        String referralId = id(referral, "the referral to the municipality");
        step(GP_NODE, "refers Mrs De Vries to " + Participants.MUNICIPALITY.name() + " for \"" + WHEELCHAIR
                + "\": referral " + referralId);
        JsonNode direct = send(GP_NODE, gp, "POST", "/api/v1/referrals", directReferralJson(clock.instant()), 201);
        String directReferralId = id(direct, "the referral to the provider");
        step(GP_NODE, "refers Mrs De Vries directly to " + Participants.PROVIDER.name() + " for \"" + WELFARE_COACH
                + "\": referral " + directReferralId);

        // the municipality: intake, pick-up, decision, assignment
        Waited theCase = await("a case at the municipality for referral " + referralId, () -> findCase(referralId));
        String caseId = id(theCase.value(), "the municipality's case");
        step(MUNICIPALITY_NODE, "pulled the referral and opened case " + caseId + ", " + text(theCase.value(), "status")
                + theCase.after());
        JsonNode pickedUp = send(MUNICIPALITY_NODE, municipality, "POST", "/api/v1/cases/" + caseId + "/pick-up",
                pickUpJson(municipalityContactPoint), 200);
        step(MUNICIPALITY_NODE, "picks the case up as " + MUNICIPALITY_CONTACT_POINT_NAME + " (contact point "
                + municipalityContactPoint + "): " + text(pickedUp, "status"));
        JsonNode decided = send(MUNICIPALITY_NODE, municipality, "POST", "/api/v1/cases/" + caseId + "/decide",
                "{\"outcome\":\"GRANTED\",\"productCategory\":\"" + PRODUCT_CATEGORY + "\"}", 200);
        step(MUNICIPALITY_NODE, "decides: GRANTED, product category " + PRODUCT_CATEGORY + ": "
                + text(decided, "status"));
        JsonNode assigned = send(MUNICIPALITY_NODE, municipality, "POST", "/api/v1/cases/" + caseId + "/assign",
                "{\"provider\":\"" + Participants.PROVIDER.id() + "\"}", 200);
        step(MUNICIPALITY_NODE, "assigns the case to " + Participants.PROVIDER.name() + ": "
                + text(assigned, "status"));

        // the provider: the assignment on the case
        Waited assignment = await("an assignment at the provider on case " + caseId,
                () -> findAssignment("case", caseId));
        String assignmentId = id(assignment.value(), "the provider's assignment on the case");
        step(PROVIDER_NODE, "pulled the case and has assignment " + assignmentId + " (" + text(assignment.value(),
                "productCategory") + "), " + text(assignment.value(), "status") + assignment.after());
        acceptAndStartCare(assignmentId);
        Waited followed = await("the municipality to see care started on case " + caseId,
                () -> caseWithAssignment(caseId, assignmentId, "CARE_STARTED"));
        step(MUNICIPALITY_NODE, "sees on case " + caseId + " that the provider started care (assignment version "
                + text(followed.value(), "version") + ", pulled at " + text(followed.value(), "pulledAt") + ")"
                + followed.after());
        JsonNode concluded = send(MUNICIPALITY_NODE, municipality, "POST", "/api/v1/cases/" + caseId + "/conclude",
                "{\"conclusion\":\"" + CONCLUSION + "\"}", 200);
        step(MUNICIPALITY_NODE, "concludes the case (\"" + CONCLUSION + "\"): " + text(concluded, "status"));

        // the provider: the direct referral
        Waited directAssignment = await("an assignment at the provider on referral " + directReferralId,
                () -> findAssignment("referral", directReferralId));
        String directAssignmentId = id(directAssignment.value(), "the provider's assignment on the direct referral");
        step(PROVIDER_NODE, "pulled the direct referral and has assignment " + directAssignmentId + ", "
                + text(directAssignment.value(), "status") + directAssignment.after());
        acceptAndStartCare(directAssignmentId);

        // the informal carer changes: the GP records it once per referral, every holder refreshes its copy
        String before = text(referral.path("referral").path("contactPerson"), "name");
        String after = null;
        for (String id : List.of(referralId, directReferralId)) {
            JsonNode changed = send(GP_NODE, gp, "PUT", "/api/v1/referrals/" + id + "/contact-person",
                    NEW_CONTACT_PERSON_JSON, 200);
            after = text(changed.path("referral").path("contactPerson"), "name");
        }
        step(GP_NODE, "changes Mrs De Vries's contact person (informal carer) on both referrals: " + before + " -> "
                + after + " (son)");
        Waited caseSeen = await("the municipality's case " + caseId + " to show the new contact person",
                () -> withNewContactPerson(get(MUNICIPALITY_NODE, municipality, "/api/v1/cases/" + caseId),
                        "referral"));
        step(MUNICIPALITY_NODE, "case " + caseId + " shows contact person "
                + contactPersonIn(caseSeen.value(), "referral")
                + " (referral version " + text(caseSeen.value().path("referral"), "version") + ", pulled at "
                + text(caseSeen.value().path("referral"), "pulledAt") + ")" + caseSeen.after());
        for (String id : List.of(assignmentId, directAssignmentId)) {
            Waited seen = await("the provider's assignment " + id + " to show the new contact person",
                    () -> withNewContactPerson(get(PROVIDER_NODE, provider, "/api/v1/assignments/" + id), "referral"));
            // from the GP itself, also where the municipality assigned the care: it hands nothing on
            JsonNode fromGp = seen.value().path("referral");
            step(PROVIDER_NODE, "assignment " + id + " shows contact person " + contactPersonIn(seen.value(), "referral")
                    + " (referral version " + text(fromGp, "version") + " pulled from " + text(fromGp, "owner")
                    + " for " + text(fromGp, "purpose") + " at " + text(fromGp, "pulledAt") + ")" + seen.after());
        }

        // what the GP has learned, each step from the object at its owner
        JsonNode timeline = awaitTimeline(referralId, MUNICIPALITY_REFERRAL_MILESTONES);
        JsonNode directTimeline = awaitTimeline(directReferralId, DIRECT_REFERRAL_MILESTONES);
        out.println("What the GP knows of its referrals (milestone, when, from which object at which participant, "
                + "vN: the first version of the object the GP saw the step in):");
        printTimeline("referral " + referralId + " to " + Participants.MUNICIPALITY.name() + " (" + WHEELCHAIR + ")",
                timeline);
        printTimeline("referral " + directReferralId + " to " + Participants.PROVIDER.name() + " (" + WELFARE_COACH
                + ")", directTimeline);

        out.println("Where to look (staff APIs, plain HTTP, JSON):");
        out.println("  GP practice node    " + gp + "/api/v1/referrals/" + referralId + "/timeline");
        out.println("                      " + gp + "/api/v1/referrals/" + directReferralId + "/timeline");
        out.println("  municipality node   " + municipality + "/api/v1/cases/" + caseId);
        out.println("  provider node       " + provider + "/api/v1/assignments/" + assignmentId);
        out.println("                      " + provider + "/api/v1/assignments/" + directAssignmentId);
        out.println("  contact points      " + gp + "/api/v1/contact-points/directory (" + gpContactPoint + "), "
                + municipality + "/api/v1/contact-points/directory (" + municipalityContactPoint + "), " + provider
                + "/api/v1/contact-points/directory (" + providerContactPoint + ")");
        out.println("  logs                DATA_DIR/logs (gp.log, municipality.log, provider.log; default DATA_DIR "
                + NetworkOptions.DEFAULT_DATA_DIR + ")");
        return new Result(referralId, directReferralId, caseId, assignmentId, directAssignmentId, timeline,
                directTimeline, Duration.ofNanos(System.nanoTime() - begin));
    }

    private void step(String who, String what) {
        out.printf(Locale.ROOT, "%2d. %-18s %s%n", ++step, who, what);
    }

    /** This node's own contact point of that name, published now unless an earlier demo published it already. */
    private String contactPoint(String who, URI node, String name, String body) throws DemoException {
        for (JsonNode own : get(who, node, "/api/v1/contact-points")) {
            if (name.equals(text(own.path("current"), "name")) && text(own, "id") != null) {
                step(who, "has its contact point \"" + name + "\" already: " + text(own, "id") + ", version "
                        + text(own, "version"));
                return text(own, "id");
            }
        }
        JsonNode published = send(who, node, "POST", "/api/v1/contact-points", body, 201);
        String id = id(published, "the contact point \"" + name + "\"");
        step(who, "publishes its contact point \"" + name + "\": " + id);
        return id;
    }

    private void acceptAndStartCare(String assignmentId) throws DemoException {
        JsonNode accepted = send(PROVIDER_NODE, provider, "POST", "/api/v1/assignments/" + assignmentId + "/accept",
                null, 200);
        step(PROVIDER_NODE, "accepts assignment " + assignmentId + ": " + text(accepted, "status"));
        JsonNode started = send(PROVIDER_NODE, provider, "POST", "/api/v1/assignments/" + assignmentId + "/start-care",
                null, 200);
        step(PROVIDER_NODE, "starts care on assignment " + assignmentId + ": " + text(started, "status"));
    }

    private JsonNode awaitTimeline(String referralId, List<String> milestones) throws DemoException {
        Waited timeline = await("the GP's timeline of referral " + referralId + " to show " + String.join(", ",
                milestones), () -> {
            JsonNode t = get(GP_NODE, gp, "/api/v1/referrals/" + referralId + "/timeline");
            return milestones(t).containsAll(milestones) ? Optional.of(t) : Optional.empty();
        });
        step(GP_NODE, "timeline of referral " + referralId + " shows " + String.join(", ", milestones(timeline.value()))
                + timeline.after());
        return timeline.value();
    }

    private void printTimeline(String title, JsonNode timeline) {
        out.println("  " + title);
        Map<String, String> ownerNames = new HashMap<>();
        for (JsonNode source : timeline.path("sources")) {
            String owner = text(source.path("object"), "owner");
            String name = text(source, "ownerName");
            if (owner != null && name != null) {
                ownerNames.put(owner, name);
            }
        }
        for (JsonNode s : timeline.path("steps")) {
            JsonNode source = s.path("source");
            String owner = text(source, "owner");
            String detail = text(s, "detail");
            out.printf(Locale.ROOT, "    %-25s %-20s %-24s %s, %s %s v%s%s%n", text(s, "label"),
                    text(s, "milestone"), text(s, "at"), ownerNames.getOrDefault(owner, owner),
                    text(source, "objectType"), text(source, "objectId"), text(s, "sourceVersion"),
                    detail == null ? "" : " (" + detail + ")");
        }
        JsonNode contact = timeline.path("contactPoint");
        if (contact.isObject()) {
            out.println("    contact point now: " + text(contact, "name") + ", " + text(contact, "phone") + ", "
                    + text(contact, "email"));
        }
    }

    /** The milestones a GP timeline shows, in its order. */
    static List<String> milestones(JsonNode timeline) {
        List<String> milestones = new ArrayList<>();
        for (JsonNode s : timeline.path("steps")) {
            milestones.add(text(s, "milestone"));
        }
        return milestones;
    }

    /** The time at which a GP timeline shows {@code milestone}, or null. */
    static String milestoneTime(JsonNode timeline, String milestone) {
        for (JsonNode s : timeline.path("steps")) {
            if (milestone.equals(text(s, "milestone"))) {
                String at = text(s, "at");
                return at == null ? "(no time)" : at;
            }
        }
        return null;
    }

    private Optional<JsonNode> findCase(String referralId) throws DemoException {
        for (JsonNode c : get(MUNICIPALITY_NODE, municipality, "/api/v1/cases")) {
            if (referralId.equals(text(c, "referralId"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> findAssignment(String basisType, String basisId) throws DemoException {
        for (JsonNode a : get(PROVIDER_NODE, provider, "/api/v1/assignments")) {
            JsonNode basis = a.path("basis");
            if (basisType.equals(text(basis, "objectType")) && basisId.equals(text(basis, "objectId"))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The municipality's pulled copy of the assignment once it shows {@code status}. */
    private Optional<JsonNode> caseWithAssignment(String caseId, String assignmentId, String status)
            throws DemoException {
        for (JsonNode copy : get(MUNICIPALITY_NODE, municipality, "/api/v1/cases/" + caseId).path("assignments")) {
            if (assignmentId.equals(text(copy, "objectId")) && status.equals(text(copy.path("content"), "status"))) {
                return Optional.of(copy);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> withNewContactPerson(JsonNode detail, String copyField) {
        return NEW_CONTACT_PERSON.equals(contactPersonIn(detail, copyField)) ? Optional.of(detail) : Optional.empty();
    }

    /** The contact person's name in a pulled copy of the referral: {@code referral} of a case or an assignment. */
    private static String contactPersonIn(JsonNode detail, String copyField) {
        return text(detail.path(copyField).path("content").path("contactPerson"), "name");
    }

    private static String id(JsonNode created, String what) throws DemoException {
        String id = text(created, "id");
        if (id == null) {
            throw new DemoException("no id for " + what + " in " + abbreviate(String.valueOf(created)));
        }
        return id;
    }

    interface Probe {
        Optional<JsonNode> probe() throws DemoException;
    }

    /** What a wait found, and how long it took. */
    record Waited(JsonNode value, Duration took) {
        String after() {
            return String.format(Locale.ROOT, " (after %.1f s)", took.toMillis() / 1000.0);
        }
    }

    private Waited await(String what, Probe probe) throws DemoException {
        long begin = System.nanoTime();
        long deadline = begin + wait.toNanos();
        while (true) {
            Optional<JsonNode> found = probe.probe();
            if (found.isPresent()) {
                return new Waited(found.get(), Duration.ofNanos(System.nanoTime() - begin));
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("waited " + wait.toSeconds() + " s for " + what + ", in vain; see the nodes'"
                        + " logs (DATA_DIR/logs)");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting for " + what);
            }
        }
    }

    private JsonNode get(String who, URI base, String path) throws DemoException {
        return send(who, base, "GET", path, null, 200);
    }

    private JsonNode send(String who, URI base, String method, String path, String body, int expectedStatus)
            throws DemoException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json");
        if (tokens.containsKey(base)) {
            request.header("Authorization", "Bearer " + tokens.get(base));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new DemoException("cannot reach the " + who + " at " + base + " (is the network running? Start it"
                    + " with ./network)");
        } catch (HttpTimeoutException e) {
            throw new DemoException("the " + who + " did not answer " + method + " " + uri + " in time");
        } catch (IOException e) {
            throw new DemoException(method + " " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted during " + method + " " + uri);
        }
        if (response.statusCode() != expectedStatus) {
            throw new DemoException("the " + who + " answered " + method + " " + uri + " with "
                    + response.statusCode() + " (expected " + expectedStatus + "): " + abbreviate(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new DemoException("the " + who + " answered " + method + " " + uri + " with something that is not"
                    + " JSON: " + abbreviate(response.body()));
        }
    }

    /** The field as text; null if missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null
                : value.isValueNode() ? value.asString() : value.toString();
    }

    private static String abbreviate(String body) {
        String oneLine = LocalNetwork.oneLine(body);
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine;
    }
}
