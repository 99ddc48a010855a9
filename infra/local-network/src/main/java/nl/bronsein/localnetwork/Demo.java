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
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The referral story against a running network, through the nodes' staff APIs only: the GP records a referral for
 * Mrs De Vries to Gemeente Zwolle, the municipality gets a case for it, the GP sees it arrive, the wijkteam picks the
 * case up, and the GP sees that too.
 */
final class Demo {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    /** The demo referral; {@code consent.givenAt} is set to an hour before now when it is sent. */
    static final String REFERRAL_TEMPLATE = """
            {"citizen":{"bsn":"999993653","name":"G. de Vries-Bakker","birthDate":"1944-03-12",\
            "address":{"street":"Dorpsstraat","houseNumber":"12","postalCode":"8011 AB","city":"Zwolle"},\
            "phone":"038-4211234"},\
            "contactPerson":{"name":"M. de Vries","relation":"daughter (mantelzorger)","phone":"06-12345678"},\
            "consent":{"givenAt":"GIVEN_AT","form":"SIGNED","documentReference":"HIS-2026-0042",\
            "purposes":["intake","referral-feedback"]},\
            "requestedSupport":"Wheelchair (Wmo maatwerkvoorziening)",\
            "problemAnalysis":"Lives alone since her husband died; can no longer walk to the shops; wants to keep \
            living at home.",\
            "urgency":"REGULAR",\
            "contactPoint":{"name":"Huisartsenpraktijk De Linde - assistentie","phone":"038-1234567",\
            "email":"assistentie@delinde.example"},\
            "addressee":"urn:nld:oin:00000001001234567000"}""";

    static final String PICK_UP = """
            {"contactPoint":{"name":"Wijkteam Zwolle-Zuid","phone":"038-4981234",\
            "email":"wijkteam-zuid@zwolle.example"}}""";

    /** The demo failed; the message says what and where. */
    static final class DemoException extends Exception {
        private static final long serialVersionUID = 1L;

        DemoException(String message) {
            super(message);
        }
    }

    /** What the demo did: the GP's referral id, the municipality's case id, and the GP's final view of the referral. */
    record Result(String referralId, String caseId, JsonNode gpReferral) {
    }

    private final URI gp;
    private final URI municipality;
    private final PrintStream out;
    private final Duration wait;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    Demo(URI gp, URI municipality, PrintStream out) {
        this(gp, municipality, out, DEFAULT_WAIT, Clock.systemUTC());
    }

    Demo(URI gp, URI municipality, PrintStream out, Duration wait, Clock clock) {
        this.gp = gp;
        this.municipality = municipality;
        this.out = out;
        this.wait = wait;
        this.clock = clock;
    }

    /** The demo referral with its consent given an hour before {@code now}. */
    static String referralJson(Instant now) {
        return REFERRAL_TEMPLATE.replace("GIVEN_AT", now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                .toString());
    }

    Result run() throws DemoException {
        out.println("1. The GP records a referral for Mrs De Vries (82) to Gemeente Zwolle");
        JsonNode created = send("the GP node", gp, "POST", "/api/v1/referrals", referralJson(clock.instant()), 201);
        String referralId = text(created, "id");
        if (referralId == null) {
            throw new DemoException("the GP node answered the referral without an id: " + created);
        }
        out.println("   referral " + referralId + " recorded at the GP");

        out.println("2. The municipality takes it in as a case, and the GP hears it arrived");
        JsonNode theCase = await("a case at the municipality for referral " + referralId,
                () -> findCase(referralId));
        String caseId = text(theCase, "id");
        out.println("   case " + caseId + " received by the municipality at " + text(theCase, "receivedAt"));
        JsonNode arrived = await("the milestone ARRIVED at the GP for referral " + referralId,
                () -> findReferralWith(referralId, "ARRIVED"));
        out.println("   the GP sees ARRIVED at " + milestoneTime(arrived, "ARRIVED"));

        out.println("3. The wijkteam picks the case up");
        JsonNode pickedUp = send("the municipality node", municipality, "POST",
                "/api/v1/cases/" + caseId + "/pick-up", PICK_UP, 200);
        out.println("   case " + caseId + " is " + text(pickedUp, "status") + " since " + text(pickedUp, "pickedUpAt"));
        JsonNode gpView = await("the milestone PICKED_UP at the GP for referral " + referralId,
                () -> findReferralWith(referralId, "PICKED_UP"));

        out.println("4. What the GP now knows of its referral:");
        printGpView(gpView);
        return new Result(referralId, caseId, gpView);
    }

    private void printGpView(JsonNode referral) {
        JsonNode progress = referral.path("progress");
        out.println("   referral " + text(referral, "id") + " (" + text(referral, "requestedSupport") + ", "
                + text(referral, "urgency") + ") to " + text(referral, "addressee"));
        JsonNode handledIn = progress.path("handledIn");
        out.println("   handled in " + text(handledIn, "objectType") + " " + text(handledIn, "objectId") + " at "
                + text(handledIn, "owner") + ", status " + text(progress, "status") + " (version "
                + text(progress, "handledInVersion") + ", pulled at " + text(progress, "pulledAt") + ")");
        JsonNode contact = progress.path("contactPoint");
        if (contact.isObject()) {
            out.println("   contact point: " + text(contact, "name") + ", " + text(contact, "phone") + ", "
                    + text(contact, "email"));
        }
        for (JsonNode milestone : progress.path("milestones")) {
            JsonNode source = milestone.path("source");
            out.printf("   - %-10s %-11s at %s, from %s %s at %s (version %s)%n", text(milestone, "milestone"),
                    "(" + text(milestone, "label") + ")", text(milestone, "at"), text(source, "objectType"),
                    text(source, "objectId"), text(source, "owner"), text(milestone, "sourceVersion"));
        }
    }

    private Optional<JsonNode> findCase(String referralId) throws DemoException {
        for (JsonNode c : send("the municipality node", municipality, "GET", "/api/v1/cases", null, 200)) {
            if (referralId.equals(text(c, "referralId"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> findReferralWith(String referralId, String milestone) throws DemoException {
        for (JsonNode referral : send("the GP node", gp, "GET", "/api/v1/referrals", null, 200)) {
            if (referralId.equals(text(referral, "id")) && milestoneTime(referral, milestone) != null) {
                return Optional.of(referral);
            }
        }
        return Optional.empty();
    }

    /** The time at which the referral's progress shows {@code milestone}, or null. */
    static String milestoneTime(JsonNode referral, String milestone) {
        for (JsonNode m : referral.path("progress").path("milestones")) {
            if (milestone.equals(text(m, "milestone"))) {
                String at = text(m, "at");
                return at == null ? "(no time)" : at;
            }
        }
        return null;
    }

    interface Probe {
        Optional<JsonNode> probe() throws DemoException;
    }

    private JsonNode await(String what, Probe probe) throws DemoException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<JsonNode> found = probe.probe();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("waited " + wait.toSeconds() + " s for " + what + ", in vain; see the nodes'"
                        + " logs (DATA_DIR/logs)");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting for " + what);
            }
        }
    }

    private JsonNode send(String who, URI base, String method, String path, String body, int expectedStatus)
            throws DemoException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json");
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
            throw new DemoException("cannot reach " + who + " at " + base + " (is the network running? Start it"
                    + " with ./network)");
        } catch (HttpTimeoutException e) {
            throw new DemoException(who + " did not answer " + method + " " + uri + " in time");
        } catch (IOException e) {
            throw new DemoException(method + " " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted during " + method + " " + uri);
        }
        if (response.statusCode() != expectedStatus) {
            throw new DemoException(who + " answered " + method + " " + uri + " with " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + abbreviate(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new DemoException(who + " answered " + method + " " + uri + " with something that is not JSON: "
                    + abbreviate(response.body()));
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
