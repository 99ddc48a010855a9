package nl.bronsein.gp.referral;

import static org.assertj.core.api.Assertions.assertThat;
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
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.view.AssignmentRequestVerificationView;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Youth care: the practice referred directly to a provider, and admits a municipality to the referral for intake only
 * while that provider confirms it asked that municipality for an assignment on it — asked at every pull. On the GP's own
 * tables (H2, migrated as the node migrates them), with the intake rule as the GP configures it.
 */
class RequestingMunicipalitiesTest {

    private static final Participant GP = participant("urn:nld:kvk:12345678", ParticipantRole.GP_PRACTICE, "gp");
    private static final Participant MUNICIPALITY = participant("urn:nld:oin:00000001001234567000",
            ParticipantRole.MUNICIPALITY, "zwolle");
    private static final Participant OTHER_MUNICIPALITY = participant("urn:nld:oin:00000001009876543000",
            ParticipantRole.MUNICIPALITY, "kampen");
    private static final Participant PROVIDER = participant("urn:nld:kvk:87654321", ParticipantRole.PROVIDER, "zwi");
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private final UUID referralId = UUID.randomUUID();
    private final UUID requestId = UUID.randomUUID();
    private final URI requestUrl = PROVIDER.pullUrl("assignment-request", requestId.toString());
    private final PullPolicy policy = new PullPolicy(List.of(
            new PullRule("referral", "intake", List.of(ParticipantRole.MUNICIPALITY, ParticipantRole.PROVIDER),
                    List.of("addressee", "requesting-municipality"), "intake", true, true)));
    private PullClient pull;
    private JdbcClient jdbc;
    private ReferralSource source;

    @BeforeEach
    void gpTables() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:requesting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new RuntimeSchemaMigration().migrate(Flyway.configure().dataSource(database).locations("classpath:db/gp").load());
        jdbc = JdbcClient.create(database);
        UUID consent = UUID.randomUUID();
        jdbc.sql("""
                insert into consent_record (id, given_at, form, purposes, status, recorded_at)
                values (:id, :at, 'ORAL', 'intake,referral-feedback', 'GIVEN', :at)""")
                .param("id", consent).param("at", Timestamp.from(T)).update();
        jdbc.sql("""
                insert into referral (id, version, status, addressee, recorded_at, updated_at, citizen_bsn, citizen_name,
                    citizen_birth_date, address_street, address_house_number, address_postal_code, address_city,
                    requested_support, problem_analysis, urgency, contact_point_name, consent_id)
                values (:id, 1, 'RECORDED', :addressee, :at, :at, '000000000', 'test', date '1944-01-01', 'test', '1',
                    '0000 AA', 'test', 'test', 'the analysis', 'REGULAR', 'test', :consent)""")
                .param("id", referralId).param("addressee", PROVIDER.id().urn())
                .param("at", Timestamp.from(T)).param("consent", consent).update();
        pull = mock(PullClient.class);
        NodeIdentity identity = new NodeIdentity(GP);
        ParticipantList participants = new ParticipantList(List.of(GP, MUNICIPALITY, OTHER_MUNICIPALITY, PROVIDER));
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        source = new ReferralSource(new ReferralRepository(jdbc, new ConsentRepository(jdbc)),
                new AssignedProviders(jdbc, pull, participants, identity, clock),
                new RequestingMunicipalities(jdbc, pull, participants, identity, clock), identity, Clock.systemUTC());
    }

    @Test
    void theMunicipalityTheProviderAskedIsAdmittedForIntake() {
        providerAnswers(MUNICIPALITY);

        assertThat(pullAs(MUNICIPALITY, Optional.of(requestUrl))).isEqualTo(new PullDecision.Allowed("intake"));
        assertThat(source.find(referralId).orElseThrow().involved())
                .containsExactlyInAnyOrder(PROVIDER.id(), MUNICIPALITY.id());
        // admitted once, it is asked again at its next pull, also without presenting the request
        assertThat(pullAs(MUNICIPALITY, Optional.empty())).isInstanceOf(PullDecision.Allowed.class);
    }

    @Test
    void aMunicipalityPresentingARequestThatAsksAnotherIsNotInvolvedAsIfTheReferralDidNotExist() {
        providerAnswers(MUNICIPALITY);

        assertThat(pullAs(OTHER_MUNICIPALITY, Optional.of(requestUrl))).isInstanceOfSatisfying(
                PullDecision.Refused.class, refused -> assertThat(refused.outcome()).isEqualTo(AuditOutcome.NOT_INVOLVED));
        assertThat(admitted()).isEmpty();
    }

    @Test
    void aRequestTheProviderDoesNotServeOrNoRequestAtAllAdmitsNobody() {
        when(pull.pull(PROVIDER, "assignment-request", requestId.toString(), "request-verification",
                AssignmentRequestVerificationView.class)).thenThrow(new PullRefusedException(404, "refused with 404"));

        assertThat(pullAs(MUNICIPALITY, Optional.of(requestUrl))).isInstanceOf(PullDecision.Refused.class);
        assertThat(pullAs(MUNICIPALITY, Optional.empty())).isInstanceOf(PullDecision.Refused.class);
        assertThat(admitted()).isEmpty();
    }

    @Test
    void aBasisElsewhereThanAtTheReferralsProviderIsNotEvenAsked() {
        URI elsewhere = MUNICIPALITY.pullUrl("assignment-request", requestId.toString());

        assertThat(pullAs(MUNICIPALITY, Optional.of(elsewhere))).isInstanceOf(PullDecision.Refused.class);
        verify(pull, never()).pull(any(), any(), any(), any(), any(Class.class));
    }

    @Test
    void aMunicipalityTheProviderNoLongerNamesIsDropped() {
        providerAnswers(MUNICIPALITY);
        pullAs(MUNICIPALITY, Optional.of(requestUrl));

        providerAnswers(OTHER_MUNICIPALITY);

        assertThat(pullAs(MUNICIPALITY, Optional.empty())).isInstanceOf(PullDecision.Refused.class);
        assertThat(admitted()).isEmpty();
    }

    private void providerAnswers(Participant asked) {
        when(pull.pull(PROVIDER, "assignment-request", requestId.toString(), "request-verification",
                AssignmentRequestVerificationView.class)).thenReturn(new AssignmentRequestVerificationView(
                requestId.toString(), 1, PROVIDER.id().urn(),
                new ObjectReferenceView(GP.id().urn(), "referral", referralId.toString()), asked.id().urn()));
    }

    /** What the pull controller does: admission first, then the policy on the object as it then is. */
    private PullDecision pullAs(Participant caller, Optional<URI> basis) {
        source.admit(referralId, caller, basis);
        return policy.decide(caller, "referral", source.find(referralId), "intake");
    }

    private List<String> admitted() {
        return jdbc.sql("select municipality from requesting_municipality").query(String.class).list();
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
