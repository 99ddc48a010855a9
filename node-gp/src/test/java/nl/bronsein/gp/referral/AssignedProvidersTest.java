package nl.bronsein.gp.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.runtime.RuntimeSchemaMigration;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullDecision;
import nl.bronsein.runtime.pull.PullPolicy;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.PullRule;
import nl.bronsein.runtime.pull.PullUnavailableException;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.view.CaseAssignmentView;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;

/**
 * The practice admits a provider to its referral only while the municipality the referral went to names it as the
 * provider of the case resting on it — asked at every pull — and the admitted provider gets the care-delivery view
 * only. On the GP's own tables (H2, migrated as the node migrates them), the GP's policy as configured.
 */
class AssignedProvidersTest {

    private static final Participant GP = participant("urn:nld:kvk:12345678", ParticipantRole.GP_PRACTICE, "gp");
    private static final Participant MUNICIPALITY = participant("urn:nld:oin:00000001001234567000",
            ParticipantRole.MUNICIPALITY, "zwolle");
    private static final Participant OTHER_MUNICIPALITY = participant("urn:nld:oin:00000001009876543000",
            ParticipantRole.MUNICIPALITY, "kampen");
    private static final Participant PROVIDER = participant("urn:nld:kvk:87654321", ParticipantRole.PROVIDER, "zwi");
    private static final Participant OTHER_PROVIDER = participant("urn:nld:kvk:11223344", ParticipantRole.PROVIDER, "tz");
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private final UUID referralId = UUID.randomUUID();
    private final UUID caseId = UUID.randomUUID();
    private final URI caseUrl = MUNICIPALITY.pullUrl("case", caseId.toString());
    private final PullPolicy policy = new PullPolicy(List.of(
            new PullRule("referral", "intake", List.of(ParticipantRole.MUNICIPALITY, ParticipantRole.PROVIDER),
                    List.of("addressee"), "intake", true, true),
            new PullRule("referral", "care-delivery", List.of(ParticipantRole.PROVIDER), List.of("assigned-provider"),
                    "care-delivery", true, true)));
    private PullClient pull;
    private JdbcClient jdbc;
    private ReferralSource source;

    @BeforeEach
    void gpTables() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:assigned-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new RuntimeSchemaMigration().migrate(Flyway.configure().dataSource(database).locations("classpath:db/gp").load());
        jdbc = JdbcClient.create(database);
        UUID consent = UUID.randomUUID();
        jdbc.sql("""
                insert into consent_record (id, given_at, form, purposes, status, recorded_at)
                values (:id, :at, 'ORAL', 'intake,care-delivery', 'GIVEN', :at)""")
                .param("id", consent).param("at", Timestamp.from(T)).update();
        jdbc.sql("""
                insert into referral (id, version, status, addressee, recorded_at, updated_at, citizen_bsn, citizen_name,
                    citizen_birth_date, address_street, address_house_number, address_postal_code, address_city,
                    requested_support, problem_analysis, urgency, contact_point_name, consent_id)
                values (:id, 1, 'RECORDED', :addressee, :at, :at, '000000000', 'test', date '1944-01-01', 'test', '1',
                    '0000 AA', 'test', 'test', 'the analysis', 'REGULAR', 'test', :consent)""")
                .param("id", referralId).param("addressee", MUNICIPALITY.id().urn())
                .param("at", Timestamp.from(T)).param("consent", consent).update();
        pull = mock(PullClient.class);
        NodeIdentity identity = new NodeIdentity(GP);
        AssignedProviders providers = new AssignedProviders(jdbc, pull,
                new ParticipantList(List.of(GP, MUNICIPALITY, OTHER_MUNICIPALITY, PROVIDER, OTHER_PROVIDER)), identity,
                Clock.fixed(T, ZoneOffset.UTC));
        RequestingMunicipalities municipalities = new RequestingMunicipalities(jdbc, pull,
                new ParticipantList(List.of(GP, MUNICIPALITY, OTHER_MUNICIPALITY, PROVIDER, OTHER_PROVIDER)), identity,
                Clock.fixed(T, ZoneOffset.UTC));
        source = new ReferralSource(new ReferralRepository(jdbc, new ConsentRepository(jdbc)), providers, municipalities, identity,
                java.time.Clock.systemUTC());
    }

    @Test
    void theProviderTheMunicipalityAssignedIsAdmittedAndGetsTheCareDeliveryViewWithoutTheAnalysis() {
        municipalityAnswers(PROVIDER);

        PullDecision decision = pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery");

        assertThat(decision).isEqualTo(new PullDecision.Allowed("care-delivery"));
        ReferralCareDeliveryView view = (ReferralCareDeliveryView) source.find(referralId).orElseThrow()
                .view("care-delivery", PROVIDER);
        assertThat(view.problemAnalysis()).isNull();
        assertThat(view.citizen().name()).isEqualTo("test");
        assertThat(source.find(referralId).orElseThrow().involved()).containsExactlyInAnyOrder(MUNICIPALITY.id(), PROVIDER.id());
        // admitted for care delivery, never for intake: that view carries the problem analysis
        assertThat(pullAs(PROVIDER, Optional.of(caseUrl), "intake")).isInstanceOfSatisfying(PullDecision.Refused.class,
                refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.PURPOSE_NOT_ALLOWED));
    }

    @Test
    void aProviderTheMunicipalityDidNotAssignIsNotInvolvedAsIfTheReferralDidNotExist() {
        municipalityAnswers(PROVIDER);

        assertThat(pullAs(OTHER_PROVIDER, Optional.of(caseUrl), "care-delivery"))
                .isInstanceOfSatisfying(PullDecision.Refused.class,
                        refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED));
        assertThat(admitted()).isEmpty();
    }

    @Test
    void aCaseTheMunicipalityDoesNotServeAdmitsNobody() {
        when(pull.pull(MUNICIPALITY, "case", caseId.toString(), "assignment-verification", CaseAssignmentView.class))
                .thenThrow(new PullRefusedException(404, "refused with 404"));

        assertThat(pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery"))
                .isInstanceOfSatisfying(PullDecision.Refused.class,
                        refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED));
    }

    @Test
    void aBasisElsewhereThanAtTheReferralsMunicipalityIsNotEvenAsked() {
        URI elsewhere = OTHER_MUNICIPALITY.pullUrl("case", caseId.toString());
        URI anotherPath = URI.create(MUNICIPALITY.nodeUrl() + "/network/v1/notifications/" + caseId);

        for (URI basis : List.of(elsewhere, anotherPath)) {
            assertThat(pullAs(PROVIDER, Optional.of(basis), "care-delivery")).isInstanceOf(PullDecision.Refused.class);
        }
        assertThat(pullAs(PROVIDER, Optional.empty(), "care-delivery")).isInstanceOf(PullDecision.Refused.class);
        verify(pull, never()).pull(any(), any(), any(), any(), any(Class.class));
    }

    @Test
    void aProviderTheCaseWasTakenFromIsDroppedAtItsNextPullWithOrWithoutABasis() {
        municipalityAnswers(PROVIDER);
        assertThat(pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery")).isInstanceOf(PullDecision.Allowed.class);

        municipalityAnswers(OTHER_PROVIDER);
        assertThat(pullAs(PROVIDER, Optional.empty(), "care-delivery")).isInstanceOfSatisfying(PullDecision.Refused.class,
                refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED));
        assertThat(admitted()).isEmpty();
        assertThat(pullAs(OTHER_PROVIDER, Optional.of(caseUrl), "care-delivery")).isInstanceOf(PullDecision.Allowed.class);
    }

    @Test
    void aMunicipalityThatCannotBeAskedNowAdmitsNobodyAndDropsNobody() {
        municipalityAnswers(PROVIDER);
        pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery");
        when(pull.pull(MUNICIPALITY, "case", caseId.toString(), "assignment-verification", CaseAssignmentView.class))
                .thenThrow(new PullUnavailableException("unreachable"));

        assertThatThrownBy(() -> source.admit(referralId, PROVIDER, Optional.of(caseUrl)))
                .isInstanceOf(PullUnavailableException.class);
        assertThat(admitted()).containsExactly(PROVIDER.id().urn());
    }

    @Test
    void onceTheConsentIsWithdrawnTheAdmittedProviderIsToldSoWithoutAskingTheMunicipality() {
        municipalityAnswers(PROVIDER);
        pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery");
        jdbc.sql("update consent_record set status = 'WITHDRAWN'").update();
        org.mockito.Mockito.clearInvocations(pull);

        assertThat(pullAs(PROVIDER, Optional.of(caseUrl), "care-delivery")).isInstanceOfSatisfying(PullDecision.Refused.class,
                refused -> assertThat(refused.withdrawal()).isNotNull());
        assertThat(pullAs(OTHER_PROVIDER, Optional.of(caseUrl), "care-delivery")).isInstanceOfSatisfying(
                PullDecision.Refused.class, refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED));
        verify(pull, never()).pull(any(), any(), any(), any(), any(Class.class));
    }

    private void municipalityAnswers(Participant assigned) {
        when(pull.pull(MUNICIPALITY, "case", caseId.toString(), "assignment-verification", CaseAssignmentView.class))
                .thenReturn(new CaseAssignmentView(caseId.toString(), 4, MUNICIPALITY.id().urn(),
                        new ObjectReferenceView(GP.id().urn(), "referral", referralId.toString()), assigned.id().urn()));
    }

    /** What the pull controller does: admission first, then the policy on the object as it then is. */
    private PullDecision pullAs(Participant caller, Optional<URI> basis, String purpose) {
        source.admit(referralId, caller, basis);
        return policy.decide(caller, "referral", source.find(referralId), purpose);
    }

    private List<String> admitted() {
        return jdbc.sql("select provider from assigned_provider").query(String.class).list();
    }

    private static Participant participant(String urn, ParticipantRole role, String host) {
        return new Participant(ParticipantId.of(urn), role, host, URI.create("https://" + host + ".example:8443"),
                fingerprint(urn));
    }

    private static String fingerprint(String urn) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(urn.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
