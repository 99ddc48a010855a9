package nl.bronsein.gp.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.referral.ReferralRepository;
import nl.bronsein.runtime.RuntimeSchemaMigration;
import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.contactpoint.ContactPointRepository;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseFeedbackView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.DecisionView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The version a milestone cites is the one in which the step happened, whatever the timing of the pulls: a pull after
 * an event can show a later version of the case than the event's, and a rebuild pulls only the latest. On the GP's own
 * tables (H2, migrated as the node migrates them).
 */
class TimelineVersionTest {

    private static final Participant GP = new Participant(ParticipantId.of("urn:nld:kvk:12345678"),
            ParticipantRole.GP_PRACTICE, "Huisartsenpraktijk De Linde", URI.create("https://gp.example:8443"), "ab".repeat(32));
    private static final Participant MUNICIPALITY = new Participant(ParticipantId.of("urn:nld:oin:00000001001234567000"),
            ParticipantRole.MUNICIPALITY, "Gemeente Zwolle", URI.create("https://zwolle.example:9443"), "cd".repeat(32));
    private static final Participant PROVIDER_A = new Participant(ParticipantId.of("urn:nld:kvk:87654321"),
            ParticipantRole.PROVIDER, "Zorg en Welzijn IJsselland", URI.create("https://zwi.example:7443"), "ef".repeat(32));
    private static final Participant PROVIDER_B = new Participant(ParticipantId.of("urn:nld:kvk:11223344"),
            ParticipantRole.PROVIDER, "Thuiszorg Zwolle", URI.create("https://tz.example:7443"), "01".repeat(32));
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private final UUID referralId = UUID.randomUUID();
    private final String caseId = UUID.randomUUID().toString();
    private final ObjectReferenceView caseRef = new ObjectReferenceView(MUNICIPALITY.id().urn(), "case", caseId);
    private JdbcClient jdbc;
    private TimelineRepository timeline;
    private Feedback feedback;

    @BeforeEach
    void gpTables() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:timeline-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new RuntimeSchemaMigration().migrate(Flyway.configure().dataSource(database).locations("classpath:db/gp").load());
        jdbc = JdbcClient.create(database);
        UUID consent = UUID.randomUUID();
        jdbc.sql("""
                insert into consent_record (id, given_at, form, purposes, status, recorded_at)
                values (:id, :at, 'ORAL', 'intake,referral-feedback', 'GIVEN', :at)""")
                .param("id", consent).param("at", java.sql.Timestamp.from(T)).update();
        jdbc.sql("""
                insert into referral (id, version, status, addressee, recorded_at, updated_at, citizen_bsn, citizen_name,
                    citizen_birth_date, address_street, address_house_number, address_postal_code, address_city,
                    requested_support, problem_analysis, urgency, contact_point_name, consent_id)
                values (:id, 1, 'RECORDED', :addressee, :at, :at, '000000000', 'test', date '1944-01-01', 'test', '1',
                    '0000 AA', 'test', 'test', 'test', 'REGULAR', 'test', :consent)""")
                .param("id", referralId).param("addressee", MUNICIPALITY.id().urn())
                .param("at", java.sql.Timestamp.from(T)).param("consent", consent).update();
        timeline = new TimelineRepository(jdbc);
        PulledCopies copies = new PulledCopies(jdbc, JsonMapper.builder().build());
        NodeIdentity identity = new NodeIdentity(GP);
        feedback = new Feedback(copies, timeline, new ReferralRepository(jdbc, new ConsentRepository(jdbc)),
                new ContactPointDirectory(new ContactPointRepository(jdbc, GP.id().urn()), copies, identity,
                        Clock.systemUTC()),
                new ParticipantList(List.of(GP, MUNICIPALITY, PROVIDER_A, PROVIDER_B)), identity,
                FeedbackSharingTest.GP_SUBSCRIPTIONS, Clock.systemUTC());
    }

    @Test
    void aStepSeenAgainInLaterVersionsKeepsCitingTheVersionItHappenedIn() {
        for (int version = 1; version <= 4; version++) {
            event(version, version);
        }

        assertThat(citedVersions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Milestone.ARRIVED, 1, Milestone.PICKED_UP, 2, Milestone.INDICATION_GRANTED, 3,
                Milestone.PROVIDER_ASSIGNED, 4));
    }

    @Test
    void aPullThatShowsALaterVersionThanItsEventCitesEachStepFromTheEventThatAnnouncedIt() {
        // the case moved on to version 4 before the practice pulled after the event of version 2
        event(1, 1);
        event(2, 4);
        assertThat(citedVersions()).containsEntry(Milestone.PICKED_UP, 2)
                .as("not yet announced: first seen in version 4")
                .containsEntry(Milestone.INDICATION_GRANTED, 4).containsEntry(Milestone.PROVIDER_ASSIGNED, 4);

        event(3, 4);
        event(4, 4);
        assertThat(citedVersions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Milestone.ARRIVED, 1, Milestone.PICKED_UP, 2, Milestone.INDICATION_GRANTED, 3,
                Milestone.PROVIDER_ASSIGNED, 4));
    }

    @Test
    void aRebuildThatPullsOnlyTheLatestVersionCitesWhatTheFirstRunCited() {
        for (int version = 1; version <= 4; version++) {
            event(version, version);
        }
        List<ReferralTimeline.Step> firstRun = feedback.timelineOf(referralId).steps();

        // as a rebuild does: forget the timeline and the pulled copies, handle every event again
        timeline.forget();
        jdbc.sql("delete from pulled_copy").update();
        for (int version = 1; version <= 4; version++) {
            event(version, 4);
        }

        assertThat(feedback.timelineOf(referralId).steps()).isEqualTo(firstRun);
    }

    @Test
    void aStepThatHappenedAgainLaterIsNotCitedFromTheEventOfItsFirstOccurrence() {
        // assigned to A in version 4; A declined and B was assigned in version 5; the practice pulls only version 5
        event(1, 5);
        event(4, 5);

        ReferralTimeline.Step assigned = feedback.timelineOf(referralId).steps().stream()
                .filter(step -> step.milestone() == Milestone.PROVIDER_ASSIGNED).findFirst().orElseThrow();
        assertThat(assigned.detail()).isEqualTo(PROVIDER_B.name());
        assertThat(assigned.sourceVersion()).isEqualTo(5);
    }

    @Test
    void aStatusAndOutcomeOfANewerReleaseKeepTheStepsTheNodeKnowsAndNameNoOther() {
        // as a newer municipality serves it: a status and a decision outcome this node's release does not know
        CaseFeedbackView newer = new CaseFeedbackView(caseId, 3, MUNICIPALITY.id().urn(), null,
                new ObjectReferenceView(GP.id().urn(), "referral", referralId.toString()), stepAt(1), stepAt(2), null,
                null, new DecisionView(null, null, null, null, stepAt(3)), null, null, null, null, null, null, null);
        PulledCopy<CaseFeedbackView> copy = new PulledCopy<>(MUNICIPALITY.id().urn(), SharedObjectType.CASE, caseId, 3,
                "referral-feedback", T.plusSeconds(100), newer, null, null);

        feedback.caseView(referralId, copy, new Announcement(caseRef, 3, Milestone.ofCase(null), stepAt(3)));

        assertThat(citedVersions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Milestone.ARRIVED, 3, Milestone.PICKED_UP, 3));
        assertThat(feedback.timelineOf(referralId).sources()).singleElement()
                .satisfies(source -> assertThat(source.status()).isNull());
    }

    /** The event of case version {@code announced}, handled with a pull that showed version {@code pulled}. */
    private void event(int announced, int pulled) {
        PulledCopy<CaseFeedbackView> copy = new PulledCopy<>(MUNICIPALITY.id().urn(), SharedObjectType.CASE, caseId,
                pulled, "referral-feedback", T.plusSeconds(100 + announced), view(pulled), null, null);
        feedback.caseView(referralId, copy, new Announcement(caseRef, announced,
                Milestone.ofCase(statusAt(announced)), stepAt(announced)));
    }

    /** The case as its owner serves it at a version: each step at its own time, committed with that version. */
    private CaseFeedbackView view(int version) {
        return new CaseFeedbackView(caseId, version, MUNICIPALITY.id().urn(), statusAt(version),
                new ObjectReferenceView(GP.id().urn(), "referral", referralId.toString()),
                stepAt(1), version >= 2 ? stepAt(2) : null, null, null,
                version >= 3 ? new DecisionView(DecisionOutcome.GRANTED, "Rolstoel", null, null, stepAt(3)) : null,
                version >= 5 ? PROVIDER_B.id().urn() : version == 4 ? PROVIDER_A.id().urn() : null,
                version >= 4 ? stepAt(version) : null, null, null, null, null, null);
    }

    private static CaseStatus statusAt(int version) {
        return List.of(CaseStatus.RECEIVED, CaseStatus.PICKED_UP, CaseStatus.DECIDED, CaseStatus.ASSIGNED,
                CaseStatus.ASSIGNED).get(version - 1);
    }

    private static Instant stepAt(int version) {
        return T.plusSeconds(version);
    }

    private Map<Milestone, Integer> citedVersions() {
        return feedback.timelineOf(referralId).steps().stream()
                .collect(Collectors.toMap(ReferralTimeline.Step::milestone, ReferralTimeline.Step::sourceVersion));
    }
}
