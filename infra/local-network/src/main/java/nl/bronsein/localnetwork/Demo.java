package nl.bronsein.localnetwork;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import nl.bronsein.localnetwork.Participants.Participant;
import nl.bronsein.staffclient.AssignmentRequestsApi;
import nl.bronsein.staffclient.AssignmentRequestsApi.AssignmentRequest;
import nl.bronsein.staffclient.AssignmentsApi.Assignment;
import nl.bronsein.staffclient.CasesApi;
import nl.bronsein.staffclient.CasesApi.Case;
import nl.bronsein.staffclient.CatalogueApi;
import nl.bronsein.staffclient.ContactPointsApi.ContactPoint;
import nl.bronsein.staffclient.ContactPointsApi.ContactPointForm;
import nl.bronsein.staffclient.IncomingQuestionsApi;
import nl.bronsein.staffclient.InvolvementsApi;
import nl.bronsein.staffclient.InvolvementsApi.Involvement;
import nl.bronsein.staffclient.KnownInvolvementsApi.KnownInvolvement;
import nl.bronsein.staffclient.QuestionsApi;
import nl.bronsein.staffclient.ReferralsApi;
import nl.bronsein.staffclient.ReferralsApi.ContactPerson;
import nl.bronsein.staffclient.ReferralsApi.Referral;
import nl.bronsein.staffclient.ReferralsApi.ReferralDraft;
import nl.bronsein.staffclient.StaffApiException;
import nl.bronsein.staffclient.CitizenAccessApi;
import nl.bronsein.staffclient.StaffClient;
import tools.jackson.databind.JsonNode;

/**
 * Mrs De Vries's story against a running network, through the nodes' staff APIs only. Every node publishes its
 * function-level contact point; the municipality publishes the catalogue service for wheelchairs, which the GP's
 * directory shows; the GP refers her to the municipality for a wheelchair, naming that service, and directly to the
 * provider for a welfare coach; the municipality takes the referral in as a case and picks it up; before deciding, the
 * wijkteam asks the GP a targeted question, which the GP answers; the municipality grants, assigns the provider and
 * concludes; the provider accepts and starts care on both; the GP changes her contact person and the municipality and
 * the provider see it. Then the wijkteam tells the GP, with his consent and without a referral, that it helps another
 * patient, Mr Mulder. Then youth care (Jeugdwet): the GP refers Sem (14), with his and a parent's consent, directly to
 * the provider, which takes him on and asks the municipality for an assignment; the municipality pulls the request and
 * the referral, opens a case on it, grants it and assigns the provider that asked; the provider sees its request
 * granted and starts care. Finally the GP's three timelines, the question's thread as each side shows it, and where to
 * look.
 *
 * <p>Each step is one line. What happens at another node (a case opened, an assignment offered, a copy refreshed) is
 * waited for by polling that node's staff API, for at most {@link #DEFAULT_WAIT}; a wait that runs out says what it
 * waited for. Personal data is printed only as a node's staff API returns it (the contact person's name, to show that
 * the change arrived; Mr Mulder's name as the GP lists the involvement, to show whom the signal was about; the
 * question and the answer, which name no one); Sem only by his first name and age, as the story tells him, and who
 * consented by role; the rest is labels, statuses and ids.
 */
final class Demo {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    /** How the steps name the node that acts; the same words as the launcher's. */
    private static final String GP_NODE = Participants.GP.label();
    private static final String MUNICIPALITY_NODE = Participants.MUNICIPALITY.label();
    private static final String PROVIDER_NODE = Participants.PROVIDER.label();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(5);

    static final String GP_CONTACT_POINT_NAME = "Huisartsenpraktijk De Linde - assistentie";
    static final String MUNICIPALITY_CONTACT_POINT_NAME = "Wijkteam Zwolle-Zuid";
    static final String PROVIDER_CONTACT_POINT_NAME = "Zorg en Welzijn IJsselland - planning";

    static final ContactPointForm GP_CONTACT_POINT = new ContactPointForm(GP_CONTACT_POINT_NAME, "038-1234567",
            "assistentie@delinde.example");
    static final ContactPointForm MUNICIPALITY_CONTACT_POINT = new ContactPointForm(MUNICIPALITY_CONTACT_POINT_NAME,
            "038-4981234", "wijkteam-zuid@zwolle.example");
    static final ContactPointForm PROVIDER_CONTACT_POINT = new ContactPointForm(PROVIDER_CONTACT_POINT_NAME,
            "038-7654321", "planning@zwij.example");

    static final String WHEELCHAIR = "Rolstoel (Wmo maatwerkvoorziening)";
    static final String WELFARE_COACH = "Welzijnscoach (Welzijn op Recept)";
    static final String PRODUCT_CATEGORY = "rolstoel";
    static final String CONCLUSION = "Rolstoel geleverd; wijkteam blijft betrokken";

    /**
     * The municipality's catalogue service for wheelchairs (sociale kaart), the provider contracted for it and the
     * indicative waiting time; the wheelchair referral names it.
     */
    static final String CATALOGUE_SERVICE = "Rolstoelvoorziening";
    static final String CATALOGUE_SERVICE_KIND = "WMO_PRODUCT";
    static final String CATALOGUE_SERVICE_DESCRIPTION = "Rolstoel in bruikleen, aangemeten en onderhouden door de "
            + "gecontracteerde aanbieder";
    static final int WAITING_WEEKS = 6;

    /**
     * The wijkteam's targeted question to the GP before it decides, for intake (which Mrs De Vries's consent covers),
     * and the GP's answer: facts the indication needs, nothing more.
     */
    static final String QUESTION_PURPOSE = "intake";
    static final String QUESTION = "Kan mevrouw zelfstandig opstaan en zich binnenshuis verplaatsen, of is er hulp "
            + "nodig bij transfers?";
    static final String ANSWER = "Opstaan en binnenshuis lopen lukt zelfstandig met rollator; buitenshuis niet verder "
            + "dan 50 meter.";
    /** How many days the wijkteam gives the GP to answer. */
    static final int ANSWER_WITHIN_DAYS = 7;

    /** The wijkteam's involvement with a second patient of the practice, who has no referral. */
    static final String INVOLVEMENT_PURPOSE = "care-coordination";
    static final InvolvementsApi.Citizen SECOND_CITIZEN = new InvolvementsApi.Citizen("999990627", "P. Mulder",
            LocalDate.of(1951, 5, 9));
    /** How long before the demo's day the wijkteam has been helping him. */
    static final int INVOLVED_FOR_DAYS = 14;

    /** Where the nodes count their days (an answer-by day, a service's first day): the Netherlands. */
    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    /** The informal carer on the referrals as recorded, and the one the GP changes it to. */
    static final String FIRST_CONTACT_PERSON = "Marijke de Vries";
    static final String NEW_CONTACT_PERSON = "Jan de Vries";
    static final ContactPerson NEW_CONTACT_PERSON_FORM = new ContactPerson(NEW_CONTACT_PERSON, "son (mantelzorger)",
            "06-87654321");

    /** What the GP's timeline of each referral must show once the story has been played. */
    static final List<String> MUNICIPALITY_REFERRAL_MILESTONES = List.of("ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
            "PROVIDER_ASSIGNED", "CARE_STARTED", "CONCLUDED");
    static final List<String> DIRECT_REFERRAL_MILESTONES = List.of("ARRIVED", "PICKED_UP", "CARE_STARTED");

    /**
     * Youth care (Jeugdwet): what the GP refers Sem for, directly to the provider, and the youth-care product the
     * provider asks the municipality to assign (a category of the iJw product codes).
     */
    static final String YOUTH_CARE = "Jeugdhulp ambulant (Jeugdwet)";
    static final String YOUTH_PRODUCT = "45A11 Jeugdhulp ambulant";
    /** Who consented to the youth referral: the child himself and a parent with authority (WGBO's age rules). */
    static final List<String> YOUTH_CONSENT_ROLES = List.of("CITIZEN", "PARENT_WITH_AUTHORITY");
    static final String PARENT = "Anouk Hendriks";
    /** How old Sem is: 14 years and 5 months, so 12 to 16, where the child and a parent both consent. */
    static final int YOUTH_AGE_YEARS = 14;
    static final int YOUTH_AGE_MONTHS = 5;
    /**
     * What the GP's timeline of the youth referral must show: the provider's arrival and pick-up, the municipality's
     * indication and assignment, the provider's care — one step per milestone.
     */
    static final List<String> YOUTH_REFERRAL_MILESTONES = List.of("ARRIVED", "PICKED_UP", "INDICATION_GRANTED",
            "PROVIDER_ASSIGNED", "CARE_STARTED");
    /** Sem as the GP records him (a test BSN); his birth date follows from the demo's day. */
    static final String YOUTH_BSN = "999990032";
    static final String YOUTH_NAME = "Sem Hendriks";
    private static final ReferralsApi.Address YOUTH_ADDRESS = new ReferralsApi.Address("Assendorperstraat", "8",
            "8012 DH", "Zwolle");
    private static final ContactPerson YOUTH_CONTACT_PERSON = new ContactPerson(PARENT, "moeder", "06-23456789");
    private static final String YOUTH_PROBLEM_ANALYSIS = "Low mood and missing school since his parents separated; "
            + "he and his mother want help close to home.";

    /** Mrs De Vries as the GP records her; the same on both referrals. */
    private static final ReferralsApi.Citizen CITIZEN = new ReferralsApi.Citizen("999993653", "G. de Vries-Bakker",
            LocalDate.of(1944, 3, 12), new ReferralsApi.Address("Dorpsstraat", "12", "8011 AB", "Zwolle"),
            "038-4211234");
    private static final ContactPerson FIRST_CONTACT_PERSON_FORM = new ContactPerson(FIRST_CONTACT_PERSON,
            "daughter (mantelzorger)", "06-12345678");
    private static final String PROBLEM_ANALYSIS = "Lives alone since her husband died; can no longer walk to the "
            + "shops; wants to keep living at home.";
    /** The GP's contact point as written on the referral itself (the published one is a separate object). */
    private static final ReferralsApi.ContactPoint REFERRAL_CONTACT_POINT = new ReferralsApi.ContactPoint(
            GP_CONTACT_POINT.name(), GP_CONTACT_POINT.phone(), GP_CONTACT_POINT.email());

    /** The demo failed; the message says what and where. */
    static final class DemoException extends Exception {
        private static final long serialVersionUID = 1L;

        DemoException(String message) {
            super(message);
        }
    }

    /**
     * What the demo did: the GP's two referrals for Mrs De Vries, the municipality's case, the provider's two
     * assignments (on the case, on the direct referral), the GP's final timelines of both referrals, the catalogue
     * service as the GP's directory shows it, the targeted question's thread at the GP and at the municipality, the
     * wijkteam's involvement as the GP lists it, the youth-care story with the GP's final timeline of its referral, and
     * how long it took.
     */
    record Result(String referralId, String directReferralId, String caseId, String assignmentId,
                  String directAssignmentId, JsonNode timeline, JsonNode directTimeline,
                  CatalogueApi.Service catalogueServiceAtGp, String questionId, JsonNode questionAtGp,
                  JsonNode questionAtMunicipality, KnownInvolvement involvementAtGp, YouthCare youth,
                  JsonNode youthTimeline, CitizenAccessApi.Report accessReport, Duration duration) {
    }

    /**
     * The youth-care story as played: the GP's referral, the provider's assignment on it and its request for an
     * assignment, the municipality's case that answers the request (its detail as first read, with the request and the
     * referral as pulled), and the request once granted, as the provider shows it.
     */
    record YouthCare(String referralId, String assignmentId, String requestId, String caseId, JsonNode caseAtIntake,
                     AssignmentRequest granted) {
    }

    /** The targeted question's thread once settled, as each side shows it. */
    record QuestionThreads(String questionId, JsonNode atGp, JsonNode atMunicipality) {
    }

    /** How long one call to a staff API may take, connecting included. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final URI gp;
    private final URI municipality;
    private final URI provider;
    private final StaffClient gpApi;
    private final StaffClient municipalityApi;
    private final StaffClient providerApi;
    private final PrintStream out;
    private final Duration wait;
    private final Clock clock;
    private int step;

    Demo(URI gp, URI municipality, URI provider, PrintStream out) {
        this(gp, municipality, provider, out, DEFAULT_WAIT, Clock.systemUTC());
    }

    Demo(URI gp, URI municipality, URI provider, PrintStream out, Duration wait, Clock clock) {
        this(gp, municipality, provider, Map.of(), out, wait, clock);
    }

    /** @param tokens the staff token to use at each node's staff API, by the node's base URL */
    Demo(URI gp, URI municipality, URI provider, Map<URI, String> tokens, PrintStream out, Duration wait, Clock clock) {
        this.gp = gp;
        this.municipality = municipality;
        this.provider = provider;
        this.gpApi = StaffClient.connect(gp, tokens.get(gp), CALL_TIMEOUT);
        this.municipalityApi = StaffClient.connect(municipality, tokens.get(municipality), CALL_TIMEOUT);
        this.providerApi = StaffClient.connect(provider, tokens.get(provider), CALL_TIMEOUT);
        this.out = out;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * A quarter of a second against the real nodes (a wait of a minute); a wait shorter than 50 s — the unit tests' fake
     * nodes, which answer at once — polls in proportion, a 200th of the wait but no less than 5 ms, so that polling is
     * not what a test of the demo spends its time on.
     */
    private Duration pollInterval() {
        Duration proportional = wait.dividedBy(200);
        if (proportional.compareTo(POLL_INTERVAL) >= 0) {
            return POLL_INTERVAL;
        }
        return proportional.compareTo(MIN_POLL_INTERVAL) < 0 ? MIN_POLL_INTERVAL : proportional;
    }

    /**
     * The referral to the municipality (wheelchair) with its consent given an hour before {@code now}, naming the
     * municipality's catalogue service {@code serviceId}.
     */
    static ReferralDraft referral(Instant now, String serviceId) {
        return referral(now, Participants.MUNICIPALITY.id(), WHEELCHAIR,
                List.of("intake", "referral-feedback", "care-delivery"), serviceId == null ? null
                        : new ReferralsApi.CatalogueServiceReference(Participants.MUNICIPALITY.id(), serviceId));
    }

    /**
     * The same referral naming no catalogue service, for the launcher's try-it commands: they publish none, and the GP
     * refuses a referral naming a service its directory does not offer.
     */
    static ReferralDraft referral(Instant now) {
        return referral(now, (String) null);
    }

    /**
     * The direct referral to the provider (welfare coach) with its consent given an hour before {@code now}. It names
     * no catalogue service: a catalogue holds a municipality's services, and this one does not go through it.
     */
    static ReferralDraft directReferral(Instant now) {
        return referral(now, Participants.PROVIDER.id(), WELFARE_COACH, List.of("intake", "referral-feedback"), null);
    }

    private static ReferralDraft referral(Instant now, String addressee, String requestedSupport,
                                          List<String> purposes, ReferralsApi.CatalogueServiceReference service) {
        ReferralsApi.Consent consent = new ReferralsApi.Consent(
                now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), "SIGNED", "HIS-2026-0042", purposes);
        return new ReferralDraft(CITIZEN, FIRST_CONTACT_PERSON_FORM, consent, requestedSupport, PROBLEM_ANALYSIS,
                "REGULAR", REFERRAL_CONTACT_POINT, addressee, null, service);
    }

    /**
     * The youth referral: Sem, 14 years and some months on {@code today}, to the provider directly under the Jeugdwet,
     * with the consent he and his mother gave in the consulting room an hour before {@code now}.
     */
    static ReferralDraft youthReferral(Instant now, LocalDate today) {
        ReferralsApi.Citizen sem = new ReferralsApi.Citizen(YOUTH_BSN, YOUTH_NAME, today.minusYears(YOUTH_AGE_YEARS)
                .minusMonths(YOUTH_AGE_MONTHS), YOUTH_ADDRESS, null);
        ReferralsApi.Consent consent = new ReferralsApi.Consent(
                now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), "ORAL", null,
                List.of("intake", "referral-feedback", "care-delivery"), List.of(
                new ReferralsApi.ConsentGiver("CITIZEN", null),
                new ReferralsApi.ConsentGiver("PARENT_WITH_AUTHORITY", PARENT)));
        return new ReferralDraft(sem, YOUTH_CONTACT_PERSON, consent, YOUTH_CARE, YOUTH_PROBLEM_ANALYSIS, "REGULAR",
                REFERRAL_CONTACT_POINT, Participants.PROVIDER.id(), "JEUGDWET", null);
    }

    /** The catalogue service the demo publishes, offered from {@code today}. */
    static CatalogueApi.ServiceForm catalogueServiceForm(LocalDate today) {
        return new CatalogueApi.ServiceForm(CATALOGUE_SERVICE, CATALOGUE_SERVICE_KIND, CATALOGUE_SERVICE_DESCRIPTION,
                List.of(Participants.PROVIDER.id()), WAITING_WEEKS, today, null);
    }

    /**
     * The wijkteam's involvement with Mr Mulder as a member records it on {@code today}: helping him for two weeks,
     * reachable at the wijkteam's contact point, his GP practice told with the consent he gave orally an hour before
     * {@code now}.
     */
    static InvolvementsApi.Form involvement(Instant now, LocalDate today, String contactPointId) {
        InvolvementsApi.Consent consent = new InvolvementsApi.Consent(
                now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), "ORAL", List.of(INVOLVEMENT_PURPOSE));
        return new InvolvementsApi.Form(SECOND_CITIZEN, today.minusDays(INVOLVED_FOR_DAYS), null, contactPointId,
                Participants.GP.id(), consent);
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
                + " IJsselland). Then Sem (14): the same GP refers him for youth care (Jeugdwet) directly to Zorg en"
                + " Welzijn IJsselland, which asks Gemeente Zwolle for the assignment.");

        String gpContactPoint = contactPoint(GP_NODE, gpApi, GP_CONTACT_POINT);
        String municipalityContactPoint = contactPoint(MUNICIPALITY_NODE, municipalityApi, MUNICIPALITY_CONTACT_POINT);
        String providerContactPoint = contactPoint(PROVIDER_NODE, providerApi, PROVIDER_CONTACT_POINT);

        // the municipality's service catalogue (sociale kaart): the wheelchair referral names its service
        CatalogueApi.Service service = catalogueService();
        String serviceId = service.objectId();

        Referral referral = call(GP_NODE, gpApi, () -> gpApi.referrals().create(referral(clock.instant(),
                serviceId)));
        String referralId = id(referral.id(), referral, "the referral to the municipality");
        step(GP_NODE, "refers Mrs De Vries to " + Participants.MUNICIPALITY.name() + " for \"" + WHEELCHAIR
                + "\", catalogue service \"" + service.name() + "\": referral " + referralId);
        Referral direct = call(GP_NODE, gpApi, () -> gpApi.referrals().create(directReferral(clock.instant())));
        String directReferralId = id(direct.id(), direct, "the referral to the provider");
        step(GP_NODE, "refers Mrs De Vries directly to " + Participants.PROVIDER.name() + " for \"" + WELFARE_COACH
                + "\": referral " + directReferralId);

        // the municipality: intake, pick-up, a question to the GP, decision, assignment
        Waited<Case> theCase = await("a case at the municipality for referral " + referralId,
                () -> findCase(referralId));
        String caseId = id(theCase.value().id(), theCase.value(), "the municipality's case");
        // which service the referral is for, as the municipality's own catalogue holds it
        JsonNode intake = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().get(caseId));
        step(MUNICIPALITY_NODE, "pulled the referral and opened case " + caseId + " for catalogue service \""
                + text(intake.path("catalogueService"), "name") + "\", " + theCase.value().status()
                + theCase.after());
        Case pickedUp = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().pickUp(caseId,
                new CasesApi.PickUp(municipalityContactPoint)));
        step(MUNICIPALITY_NODE, "picks the case up as " + MUNICIPALITY_CONTACT_POINT_NAME + " (contact point "
                + municipalityContactPoint + "): " + pickedUp.status());
        QuestionThreads question = targetedQuestion(caseId);
        Case decided = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().decide(caseId,
                CasesApi.Decision.granted(PRODUCT_CATEGORY)));
        step(MUNICIPALITY_NODE, "decides: GRANTED, product category " + PRODUCT_CATEGORY + ": " + decided.status());
        Case assigned = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().assign(caseId,
                new CasesApi.Assign(Participants.PROVIDER.id())));
        step(MUNICIPALITY_NODE, "assigns the case to " + Participants.PROVIDER.name() + ": " + assigned.status());

        // the provider: the assignment on the case
        Waited<Assignment> assignment = await("an assignment at the provider on case " + caseId,
                () -> findAssignment("case", caseId));
        String assignmentId = id(assignment.value().id(), assignment.value(),
                "the provider's assignment on the case");
        step(PROVIDER_NODE, "pulled the case and has assignment " + assignmentId + " ("
                + assignment.value().productCategory() + "), " + assignment.value().status() + assignment.after());
        acceptAndStartCare(assignmentId);
        Waited<JsonNode> followed = await("the municipality to see care started on case " + caseId,
                () -> caseWithAssignment(caseId, assignmentId, "CARE_STARTED"));
        step(MUNICIPALITY_NODE, "sees on case " + caseId + " that the provider started care (assignment version "
                + text(followed.value(), "version") + ", pulled at " + text(followed.value(), "pulledAt") + ")"
                + followed.after());
        Case concluded = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().conclude(caseId,
                new CasesApi.Conclude(CONCLUSION)));
        step(MUNICIPALITY_NODE, "concludes the case (\"" + CONCLUSION + "\"): " + concluded.status());

        // the provider: the direct referral
        Waited<Assignment> directAssignment = await("an assignment at the provider on referral " + directReferralId,
                () -> findAssignment("referral", directReferralId));
        String directAssignmentId = id(directAssignment.value().id(), directAssignment.value(),
                "the provider's assignment on the direct referral");
        step(PROVIDER_NODE, "pulled the direct referral and has assignment " + directAssignmentId + ", "
                + directAssignment.value().status() + directAssignment.after());
        acceptAndStartCare(directAssignmentId);

        // the informal carer changes: the GP records it once per referral, every holder refreshes its copy
        String before = contactPersonOf(referral);
        String after = null;
        for (String id : List.of(referralId, directReferralId)) {
            Referral changed = call(GP_NODE, gpApi, () -> gpApi.referrals().changeContactPerson(id,
                    NEW_CONTACT_PERSON_FORM));
            after = contactPersonOf(changed);
        }
        step(GP_NODE, "changes Mrs De Vries's contact person (informal carer) on both referrals: " + before + " -> "
                + after + " (son)");
        Waited<JsonNode> caseSeen = await("the municipality's case " + caseId + " to show the new contact person",
                () -> withNewContactPerson(call(MUNICIPALITY_NODE, municipalityApi,
                        () -> municipalityApi.cases().get(caseId)), "referral"));
        step(MUNICIPALITY_NODE, "case " + caseId + " shows contact person "
                + contactPersonIn(caseSeen.value(), "referral")
                + " (referral version " + text(caseSeen.value().path("referral"), "version") + ", pulled at "
                + text(caseSeen.value().path("referral"), "pulledAt") + ")" + caseSeen.after());
        for (String id : List.of(assignmentId, directAssignmentId)) {
            Waited<JsonNode> seen = await("the provider's assignment " + id + " to show the new contact person",
                    () -> withNewContactPerson(call(PROVIDER_NODE, providerApi,
                            () -> providerApi.assignments().get(id)), "referral"));
            // from the GP itself, also where the municipality assigned the care: it hands nothing on
            JsonNode fromGp = seen.value().path("referral");
            step(PROVIDER_NODE, "assignment " + id + " shows contact person " + contactPersonIn(seen.value(), "referral")
                    + " (referral version " + text(fromGp, "version") + " pulled from " + text(fromGp, "owner")
                    + " for " + text(fromGp, "purpose") + " at " + text(fromGp, "pulledAt") + ")" + seen.after());
        }

        // the wijkteam's signal: another patient of the practice, helped without a referral
        KnownInvolvement involvement = wijkteamSignal(municipalityContactPoint);

        // youth care (Jeugdwet): referred directly to the provider, which asks the municipality for the assignment
        YouthCare youth = youthCare(municipalityContactPoint);

        // what the GP has learned, each step from the object at its owner
        JsonNode timeline = awaitTimeline(referralId, MUNICIPALITY_REFERRAL_MILESTONES);
        JsonNode directTimeline = awaitTimeline(directReferralId, DIRECT_REFERRAL_MILESTONES);
        JsonNode youthTimeline = awaitTimeline(youth.referralId(), YOUTH_REFERRAL_MILESTONES);
        out.println("What the GP knows of its referrals (milestone, when, from which object at which participant, "
                + "vN: the first version of the object the GP saw the step in):");
        printTimeline("referral " + referralId + " to " + Participants.MUNICIPALITY.name() + " (" + WHEELCHAIR + ")",
                timeline);
        printTimeline("referral " + directReferralId + " to " + Participants.PROVIDER.name() + " (" + WELFARE_COACH
                + ")", directTimeline);
        printTimeline("referral " + youth.referralId() + " to " + Participants.PROVIDER.name() + " (" + YOUTH_CARE
                + "; assigned by " + Participants.MUNICIPALITY.name() + " on the provider's request)", youthTimeline);
        printQuestionThreads(question);

        // the citizen's own view: who accessed her data, from every node's processing log, asked at her GP's desk
        CitizenAccessApi.Report report = call(GP_NODE, gpApi,
                () -> gpApi.citizenAccess().report(new CitizenAccessApi.Citizen(CITIZEN.bsn())));
        step(GP_NODE, "shows Mrs De Vries at her request who accessed her data: " + report.accesses().size()
                + " accesses, from the processing logs of " + String.join(", ", report.sources().stream()
                .map(s -> s.organisation() + (s.answered() ? "" : " (" + s.remark() + ")")).toList()));
        printAccessReport(report);

        out.println("Where to look (staff APIs, plain HTTP, JSON):");
        out.println("  GP practice node    " + gp + "/api/v1/referrals/" + referralId + "/timeline");
        out.println("                      " + gp + "/api/v1/referrals/" + directReferralId + "/timeline");
        out.println("                      " + gp + "/api/v1/referrals/" + youth.referralId() + "/timeline");
        out.println("                      " + gp + "/api/v1/questions/" + question.questionId());
        out.println("                      " + gp + "/api/v1/involvements");
        out.println("                      " + gp + "/api/v1/catalogue");
        out.println("  municipality node   " + municipality + "/api/v1/cases/" + caseId);
        out.println("                      " + municipality + "/api/v1/cases/" + youth.caseId());
        out.println("                      " + municipality + "/api/v1/questions/" + question.questionId());
        out.println("                      " + municipality + "/api/v1/involvements/" + involvement.involvementId());
        out.println("                      " + municipality + "/api/v1/catalogue/services/" + serviceId);
        out.println("  provider node       " + provider + "/api/v1/assignments/" + assignmentId);
        out.println("                      " + provider + "/api/v1/assignments/" + directAssignmentId);
        out.println("                      " + provider + "/api/v1/assignments/" + youth.assignmentId());
        out.println("                      " + provider + "/api/v1/assignment-requests/" + youth.requestId());
        out.println("  contact points      " + gp + "/api/v1/contact-points/directory (" + gpContactPoint + "), "
                + municipality + "/api/v1/contact-points/directory (" + municipalityContactPoint + "), " + provider
                + "/api/v1/contact-points/directory (" + providerContactPoint + ")");
        out.println("  logs                DATA_DIR/logs (gp.log, municipality.log, provider.log; default DATA_DIR "
                + NetworkOptions.DEFAULT_DATA_DIR + ")");
        return new Result(referralId, directReferralId, caseId, assignmentId, directAssignmentId, timeline,
                directTimeline, service, question.questionId(), question.atGp(), question.atMunicipality(),
                involvement, youth, youthTimeline, report, Duration.ofNanos(System.nanoTime() - begin));
    }

    private void step(String who, String what) {
        out.printf(Locale.ROOT, "%2d. %-18s %s%n", ++step, who, what);
    }

    /** This node's own contact point of that name, published now unless an earlier demo published it already. */
    private String contactPoint(String who, StaffClient node, ContactPointForm form) throws DemoException {
        String name = form.name();
        for (ContactPoint own : call(who, node, () -> node.contactPoints().list())) {
            if (own.current() != null && name.equals(own.current().name()) && own.id() != null) {
                step(who, "has its contact point \"" + name + "\" already: " + own.id() + ", version "
                        + own.version());
                return own.id();
            }
        }
        ContactPoint published = call(who, node, () -> node.contactPoints().publish(form));
        String id = id(published.id(), published, "the contact point \"" + name + "\"");
        step(who, "publishes its contact point \"" + name + "\": " + id);
        return id;
    }

    private void acceptAndStartCare(String assignmentId) throws DemoException {
        accept(assignmentId);
        startCare(assignmentId);
    }

    private void accept(String assignmentId) throws DemoException {
        Assignment accepted = call(PROVIDER_NODE, providerApi, () -> providerApi.assignments().accept(assignmentId));
        step(PROVIDER_NODE, "accepts assignment " + assignmentId + ": " + accepted.status());
    }

    private void startCare(String assignmentId) throws DemoException {
        Assignment started = call(PROVIDER_NODE, providerApi,
                () -> providerApi.assignments().startCare(assignmentId));
        step(PROVIDER_NODE, "starts care on assignment " + assignmentId + ": " + started.status());
    }

    /**
     * Youth care (Jeugdwet): the GP refers Sem directly to the provider; the provider takes him on and asks the
     * municipality for an assignment (verzoek om toewijzing); the municipality pulls that request from the provider
     * and the referral it names from the GP, opens a case that answers it, picks it up, grants it and assigns the
     * provider that asked — the only one it can; the provider sees its request granted and only then starts care.
     */
    private YouthCare youthCare(String wijkteamContactPoint) throws DemoException {
        Referral referral = call(GP_NODE, gpApi, () -> gpApi.referrals().create(youthReferral(clock.instant(),
                today())));
        String referralId = id(referral.id(), referral, "the youth referral");
        step(GP_NODE, "refers Sem (" + YOUTH_AGE_YEARS + ") directly to " + Participants.PROVIDER.name() + " for \""
                + YOUTH_CARE + "\", with the consent of Sem and a parent with authority: referral " + referralId);

        Waited<Assignment> offered = await("an assignment at the provider on youth referral " + referralId,
                () -> findAssignment("referral", referralId));
        String assignmentId = id(offered.value().id(), offered.value(), "the provider's assignment on the youth "
                + "referral");
        step(PROVIDER_NODE, "pulled the youth referral and has assignment " + assignmentId + ", "
                + offered.value().status() + offered.after());
        accept(assignmentId);
        AssignmentRequest requested = call(PROVIDER_NODE, providerApi, () -> providerApi.assignmentRequests().request(
                new AssignmentRequestsApi.RequestForm(assignmentId, Participants.MUNICIPALITY.id(), YOUTH_PRODUCT)));
        String requestId = id(requested.id(), requested, "the provider's request for an assignment");
        step(PROVIDER_NODE, "asks " + Participants.MUNICIPALITY.name() + " for an assignment (verzoek om "
                + "toewijzing) of \"" + YOUTH_PRODUCT + "\" on assignment " + assignmentId + ": request " + requestId
                + ", " + requested.status());

        // the case opens once the municipality pulled the request and, presenting it, the referral from the GP
        Waited<JsonNode> intake = await("a case at the municipality on the provider's request " + requestId,
                () -> caseOnRequest(requestId));
        JsonNode current = intake.value().path("current");
        String caseId = id(text(current, "id"), current, "the municipality's case on the request");
        JsonNode pulledRequest = intake.value().path("request");
        step(MUNICIPALITY_NODE, "pulled request " + requestId + " from " + participantName(text(current,
                "requestedBy")) + " (version " + text(pulledRequest, "version") + ", " + text(pulledRequest.path(
                "content"), "status") + ", " + text(pulledRequest.path("content"), "productCategory")
                + ") and opened case " + caseId + " on it, " + text(current, "status") + intake.after());
        JsonNode pulledReferral = intake.value().path("referral");
        List<String> consentedBy = new ArrayList<>();
        pulledReferral.path("content").path("consent").path("givenBy").forEach(giver -> consentedBy.add(text(giver,
                "role")));
        step(MUNICIPALITY_NODE, "case " + caseId + " rests on referral " + text(pulledReferral, "objectId")
                + ", pulled from " + participantName(text(pulledReferral, "owner")) + " (version " + text(
                pulledReferral, "version") + ", for " + text(pulledReferral, "purpose") + "): " + text(pulledReferral
                .path("content"), "legalFramework") + ", toestemming van " + String.join(" en ", consentedBy));
        Case pickedUp = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().pickUp(caseId,
                new CasesApi.PickUp(wijkteamContactPoint)));
        step(MUNICIPALITY_NODE, "picks case " + caseId + " up as " + MUNICIPALITY_CONTACT_POINT_NAME + ": "
                + pickedUp.status());
        Case decided = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().decide(caseId,
                CasesApi.Decision.granted(YOUTH_PRODUCT)));
        step(MUNICIPALITY_NODE, "decides: GRANTED, product category " + YOUTH_PRODUCT + ": " + decided.status());
        Case assigned = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().assign(caseId,
                new CasesApi.Assign(Participants.PROVIDER.id())));
        step(MUNICIPALITY_NODE, "assigns case " + caseId + " to " + participantName(assigned.assignedProvider())
                + ", the provider that asked: " + assigned.status());

        Waited<AssignmentRequest> granted = await("the provider's request " + requestId + " to show GRANTED",
                () -> {
                    AssignmentRequest r = call(PROVIDER_NODE, providerApi,
                            () -> providerApi.assignmentRequests().get(requestId));
                    return "GRANTED".equals(r.status()) ? Optional.of(r) : Optional.empty();
                });
        AssignmentRequest answer = granted.value();
        step(PROVIDER_NODE, "request " + requestId + " shows " + answer.status() + " (version " + answer.version()
                + ", answered by " + (answer.answeredBy() == null ? "(not shown)" : participantName(
                answer.answeredBy().owner()) + " " + answer.answeredBy().objectType() + " "
                + answer.answeredBy().objectId()) + " at " + answer.answeredAt() + ")" + granted.after());
        startCare(assignmentId);
        return new YouthCare(referralId, assignmentId, requestId, caseId, intake.value(), answer);
    }

    /**
     * The municipality's case that answers the provider's request {@code requestId}, as its detail shows it once it
     * holds the request and the referral as pulled.
     */
    private Optional<JsonNode> caseOnRequest(String requestId) throws DemoException {
        Optional<Case> found = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().list()).stream()
                .filter(c -> requestId.equals(c.requestId())).findFirst();
        if (found.isEmpty() || found.get().id() == null) {
            return Optional.empty();
        }
        JsonNode detail = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().get(found.get().id()));
        return detail.path("request").path("content").isObject() && detail.path("referral").path("content").isObject()
                ? Optional.of(detail) : Optional.empty();
    }

    /**
     * The municipality's catalogue service for wheelchairs, published now unless an earlier demo published it already,
     * as the GP's directory shows it: the GP refuses a referral naming a service its directory does not offer today,
     * so the referral waits for the service to arrive there.
     */
    private CatalogueApi.Service catalogueService() throws DemoException {
        String owner = Participants.MUNICIPALITY.id();
        CatalogueApi.Service service = null;
        for (CatalogueApi.Service own : call(MUNICIPALITY_NODE, municipalityApi,
                () -> municipalityApi.catalogue().list(owner, CATALOGUE_SERVICE_KIND, null))) {
            if (CATALOGUE_SERVICE.equals(own.name()) && own.objectId() != null) {
                service = own;
                step(MUNICIPALITY_NODE, "has its catalogue service \"" + CATALOGUE_SERVICE + "\" already: "
                        + own.objectId() + ", version " + own.version());
                break;
            }
        }
        if (service == null) {
            service = call(MUNICIPALITY_NODE, municipalityApi,
                    () -> municipalityApi.catalogue().publish(catalogueServiceForm(today())));
            step(MUNICIPALITY_NODE, "publishes catalogue service \"" + CATALOGUE_SERVICE + "\" ("
                    + CATALOGUE_SERVICE_KIND + ", gecontracteerd: " + Participants.PROVIDER.name()
                    + ", wachttijd ca. " + WAITING_WEEKS + " weken): " + id(service.objectId(), service,
                    "the catalogue service"));
        }
        String serviceId = service.objectId();
        int version = service.version();
        Waited<CatalogueApi.Service> seen = await("the GP's service catalogue to show " + CATALOGUE_SERVICE + " "
                + serviceId, () -> call(GP_NODE, gpApi, () -> gpApi.catalogue().list(owner, null, null)).stream()
                .filter(s -> serviceId.equals(s.objectId()) && s.version() >= version).findFirst());
        CatalogueApi.Service atGp = seen.value();
        step(GP_NODE, "sees \"" + atGp.name() + "\" of " + participantName(atGp.owner()) + " in its service catalogue"
                + " (version " + atGp.version() + ", " + atGp.kind() + ", aanbieders " + participantNames(
                atGp.providers()) + ", wachttijd ca. " + atGp.waitingWeeks() + " weken)" + seen.after());
        return atGp;
    }

    /**
     * Before deciding, the wijkteam asks the GP what the indication needs to know, for a purpose Mrs De Vries's consent
     * covers; the GP pulls the question and answers it; the municipality pulls the answer, which settles its question,
     * and the GP pulls that settling in turn: the thread as each side then shows it.
     */
    private QuestionThreads targetedQuestion(String caseId) throws DemoException {
        LocalDate answerBy = today().plusDays(ANSWER_WITHIN_DAYS);
        QuestionsApi.Question asked = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.questions()
                .ask(new QuestionsApi.Ask(caseId, QUESTION_PURPOSE, QUESTION, answerBy)));
        String questionId = id(asked.id(), asked, "the municipality's question");
        step(MUNICIPALITY_NODE, "asks the GP about case " + caseId + " (" + QUESTION_PURPOSE + ", antwoord uiterlijk "
                + answerBy + "): question " + questionId + ", " + asked.status());
        Waited<JsonNode> incoming = await("question " + questionId + " at the GP",
                () -> threadAtGp(questionId, thread -> true));
        JsonNode copy = incoming.value().path("question");
        step(GP_NODE, "pulled question " + questionId + " (version " + text(copy, "version") + ") about referral "
                + text(incoming.value(), "referralId") + "; " + (incoming.value().path("withinConsent").asBoolean(false)
                ? "within" : "NOT within") + " the consent for " + text(copy.path("content"), "purpose") + ", "
                + text(copy.path("content"), "status") + incoming.after());
        IncomingQuestionsApi.Answer answer = call(GP_NODE, gpApi, () -> gpApi.incomingQuestions().answer(questionId,
                new IncomingQuestionsApi.AnswerRequest(ANSWER)));
        step(GP_NODE, "answers question " + questionId + ": answer " + id(answer.id(), answer, "the GP's answer")
                + ", " + answer.status());
        Waited<JsonNode> settled = await("the municipality to pull the GP's answer to question " + questionId,
                () -> {
                    JsonNode thread = call(MUNICIPALITY_NODE, municipalityApi,
                            () -> municipalityApi.questions().get(questionId));
                    return "ANSWERED".equals(text(thread.path("question"), "status")) ? Optional.of(thread)
                            : Optional.empty();
                });
        JsonNode pulled = settled.value().path("answer");
        step(MUNICIPALITY_NODE, "pulled the answer to question " + questionId + " from " + participantName(text(pulled,
                "owner")) + " (version " + text(pulled, "version") + ", for " + text(pulled, "purpose") + ", at "
                + text(pulled, "pulledAt") + "): question " + text(settled.value().path("question"), "status")
                + settled.after());
        Waited<JsonNode> seen = await("the GP's copy of question " + questionId + " to show it answered",
                () -> threadAtGp(questionId, thread -> "ANSWERED".equals(text(thread.path("question")
                        .path("content"), "status"))));
        step(GP_NODE, "question " + questionId + " shows ANSWERED at the GP too (question version "
                + text(seen.value().path("question"), "version") + " pulled at "
                + text(seen.value().path("question"), "pulledAt") + ")" + seen.after());
        return new QuestionThreads(questionId, seen.value(), settled.value());
    }

    /** The GP's thread of question {@code questionId} once it is there and {@code done}. */
    private Optional<JsonNode> threadAtGp(String questionId, Predicate<JsonNode> done) throws DemoException {
        return call(GP_NODE, gpApi, () -> gpApi.incomingQuestions().list()).stream()
                .filter(thread -> questionId.equals(text(thread.path("question"), "objectId")))
                .filter(done).findFirst();
    }

    /**
     * The wijkteam tells Mr Mulder's GP practice, with his consent, that it helps him: no referral, no case. The
     * practice is notified, pulls the involvement for care-coordination and lists it; the GP's list as it then shows
     * it.
     */
    private KnownInvolvement wijkteamSignal(String wijkteamContactPoint) throws DemoException {
        Involvement started = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.involvements().start(
                involvement(clock.instant(), today(), wijkteamContactPoint)));
        String involvementId = id(started.id(), started, "the wijkteam's involvement");
        step(MUNICIPALITY_NODE, "the wijkteam records its involvement with Mr Mulder (no referral) since "
                + started.since() + ", for his GP practice with his consent (" + INVOLVEMENT_PURPOSE + "): "
                + involvementId + ", " + started.status());
        Waited<KnownInvolvement> known = await("the GP to list the wijkteam's involvement " + involvementId,
                () -> call(GP_NODE, gpApi, () -> gpApi.knownInvolvements().list()).stream()
                        .filter(i -> involvementId.equals(i.involvementId())).findFirst());
        KnownInvolvement shown = known.value();
        step(GP_NODE, "pulled involvement " + involvementId + " (version " + shown.version() + ", at "
                + shown.pulledAt() + "): " + shown.municipalityName() + " is betrokken bij " + (shown.citizen() == null
                ? "(not shown)" : shown.citizen().name()) + " sinds " + shown.since() + ", " + shown.status()
                + ", contact " + (shown.contactPoint() == null ? "(none)" : shown.contactPoint().name() + " "
                + shown.contactPoint().phone()) + known.after());
        return shown;
    }

    private void printQuestionThreads(QuestionThreads threads) {
        JsonNode atMunicipality = threads.atMunicipality();
        JsonNode asked = atMunicipality.path("question");
        out.println("The targeted question " + threads.questionId() + ", as each side shows it:");
        out.println("  " + Participants.MUNICIPALITY.name() + " (case " + text(asked, "caseId") + ", "
                + text(asked, "status") + ", overdue " + atMunicipality.path("overdue").asBoolean(false) + ")");
        out.println("    vraag     (" + text(asked, "purpose") + ", uiterlijk " + text(asked, "answerBy") + ") "
                + text(asked, "question"));
        JsonNode answer = atMunicipality.path("answer");
        out.println("    antwoord  (" + participantName(text(answer, "owner")) + ", pulled at " + text(answer,
                "pulledAt") + ") " + text(answer.path("content"), "answer"));
        JsonNode atGp = threads.atGp();
        JsonNode copy = atGp.path("question");
        out.println("  " + Participants.GP.name() + " (referral " + text(atGp, "referralId") + ", "
                + text(copy.path("content"), "status") + ", overdue " + atGp.path("overdue").asBoolean(false) + ")");
        out.println("    vraag     (" + participantName(text(copy, "owner")) + ", pulled at " + text(copy, "pulledAt")
                + ") " + text(copy.path("content"), "question"));
        out.println("    antwoord  (" + text(atGp.path("answer"), "status") + " at " + text(atGp.path("answer"),
                "answeredAt") + ") " + text(atGp.path("answer"), "answer"));
    }

    /** The day as the nodes count it. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), NETHERLANDS);
    }

    /** A participant's organisation name, for the ones of the local network; the id itself otherwise. */
    private static String participantName(String id) {
        return Participants.ALL.stream().filter(p -> p.id().equals(id)).map(Participant::name).findFirst()
                .orElse(id);
    }

    private static String participantNames(List<String> ids) {
        return ids == null || ids.isEmpty() ? "(geen)" : String.join(", ", ids.stream().map(Demo::participantName)
                .toList());
    }

    private JsonNode awaitTimeline(String referralId, List<String> milestones) throws DemoException {
        Waited<JsonNode> timeline = await("the GP's timeline of referral " + referralId + " to show "
                + String.join(", ", milestones), () -> {
            JsonNode t = call(GP_NODE, gpApi, () -> gpApi.referrals().timeline(referralId));
            return milestones(t).containsAll(milestones) ? Optional.of(t) : Optional.empty();
        });
        step(GP_NODE, "timeline of referral " + referralId + " shows " + String.join(", ", milestones(timeline.value()))
                + timeline.after());
        return timeline.value();
    }

    /** The access report as the desk reads it to the citizen: in words, no codes. */
    private void printAccessReport(CitizenAccessApi.Report report) {
        out.println("Who accessed Mrs De Vries's data (her access report at the GP's desk; when, who, what, why, "
                + "outcome, whose log):");
        for (CitizenAccessApi.Access a : report.accesses()) {
            out.printf(Locale.ROOT, "  %-24s %s: %s%s, %s (%s)%n", a.at(), a.who(), a.what(),
                    a.purpose() == null ? "" : " " + a.purpose(), a.outcome(), a.recordedBy());
        }
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

    private Optional<Case> findCase(String referralId) throws DemoException {
        return call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().list()).stream()
                .filter(c -> referralId.equals(c.referralId())).findFirst();
    }

    private Optional<Assignment> findAssignment(String basisType, String basisId) throws DemoException {
        return call(PROVIDER_NODE, providerApi, () -> providerApi.assignments().list()).stream()
                .filter(a -> a.basis() != null && basisType.equals(a.basis().objectType())
                        && basisId.equals(a.basis().objectId()))
                .findFirst();
    }

    /** The municipality's pulled copy of the assignment once it shows {@code status}. */
    private Optional<JsonNode> caseWithAssignment(String caseId, String assignmentId, String status)
            throws DemoException {
        JsonNode detail = call(MUNICIPALITY_NODE, municipalityApi, () -> municipalityApi.cases().get(caseId));
        for (JsonNode copy : detail.path("assignments")) {
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

    /** The contact person's name on the GP's own referral, as its node answered; null if it showed none. */
    private static String contactPersonOf(Referral referral) {
        return referral.referral() == null || referral.referral().contactPerson() == null ? null
                : referral.referral().contactPerson().name();
    }

    private static String id(String id, Object created, String what) throws DemoException {
        if (id == null) {
            throw new DemoException("no id for " + what + " in " + abbreviate(String.valueOf(created)));
        }
        return id;
    }

    interface Probe<T> {
        Optional<T> probe() throws DemoException;
    }

    /** What a wait found, and how long it took. */
    record Waited<T>(T value, Duration took) {
        String after() {
            return String.format(Locale.ROOT, " (after %.1f s)", took.toMillis() / 1000.0);
        }
    }

    private <T> Waited<T> await(String what, Probe<T> probe) throws DemoException {
        long begin = System.nanoTime();
        long deadline = begin + wait.toNanos();
        while (true) {
            Optional<T> found = probe.probe();
            if (found.isPresent()) {
                return new Waited<>(found.get(), Duration.ofNanos(System.nanoTime() - begin));
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("waited " + wait.toSeconds() + " s for " + what + ", in vain; see the nodes'"
                        + " logs (DATA_DIR/logs)");
            }
            try {
                Thread.sleep(pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted while waiting for " + what);
            }
        }
    }

    /**
     * One call to a node's staff API, its failures worded for the user: a node that is not there (the network is not
     * running), one that is too slow, one that refuses (with what it said), and one whose answer cannot be read.
     */
    private static <T> T call(String who, StaffClient node, Supplier<T> call) throws DemoException {
        try {
            return call.get();
        } catch (StaffApiException e) {
            throw new DemoException("the " + who + " answered " + e.method() + " " + e.uri() + " with " + e.status()
                    + ": " + abbreviate(e.body()));
        } catch (ResourceAccessException e) {
            if (causedBy(e, ConnectException.class) || causedBy(e, HttpConnectTimeoutException.class)) {
                throw new DemoException("cannot reach the " + who + " at " + node.baseUrl() + " (is the network"
                        + " running? Start it with ./network)");
            }
            if (causedBy(e, HttpTimeoutException.class)) {
                throw new DemoException("the " + who + " at " + node.baseUrl() + " did not answer in time ("
                        + e.getMessage() + ")");
            }
            throw new DemoException("a call to the " + who + " at " + node.baseUrl() + " failed: " + e.getMessage());
        } catch (RestClientException e) {
            throw new DemoException("the " + who + " at " + node.baseUrl() + " answered with something the demo"
                    + " cannot read: " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
