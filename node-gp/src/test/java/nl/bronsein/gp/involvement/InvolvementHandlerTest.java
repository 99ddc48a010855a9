package nl.bronsein.gp.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.runtime.copy.OwnerAnswers;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.PullRefusedException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementStatus;
import nl.bronsein.schemas.view.InvolvementView;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the practice follows a wijkteam's involvement: it keeps what the municipality serves, marks the copy withdrawn
 * only when the municipality's refusal states it (and never asks again), and keeps nothing of an involvement that names
 * another practice.
 */
class InvolvementHandlerTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String OTHER_GP = "urn:nld:kvk:11223344";
    private static final Participant MUNICIPALITY = participant("urn:nld:oin:00000001001234567000",
            ParticipantRole.MUNICIPALITY);
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00.123Z");

    private PullClient pull;
    private PulledCopies copies;
    private KnownInvolvements known;
    private InvolvementHandler handler;

    @BeforeEach
    void setUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:involvement-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/runtime").table("bronsein_runtime_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        Flyway.configure().dataSource(ds).locations("classpath:db/gp").baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        pull = mock(PullClient.class);
        copies = new PulledCopies(jdbc, JsonMapper.builder().build());
        known = new KnownInvolvements(jdbc, copies);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        handler = new InvolvementHandler(new OwnerAnswers(pull, copies, clock), known,
                new NodeIdentity(participant(GP, ParticipantRole.GP_PRACTICE)), clock);
    }

    @Test
    void anInvolvementNamingThisPracticeIsKeptAndAnEndedOneReplacesIt() {
        when(pull.pull(MUNICIPALITY, "involvement", "i-1", "care-coordination", null, InvolvementView.class))
                .thenReturn(view("i-1", 1, InvolvementStatus.ACTIVE, GP), view("i-1", 2, InvolvementStatus.ENDED, GP));

        handler.prepare(notification("i-1", 1, "started")).apply();
        handler.prepare(notification("i-1", 2, "ended")).apply();

        assertThat(known.all()).singleElement().satisfies(copy -> {
            assertThat(copy.owner()).isEqualTo(MUNICIPALITY.id().urn());
            assertThat(copy.version()).isEqualTo(2);
            assertThat(copy.purpose()).isEqualTo("care-coordination");
            assertThat(copy.content().status()).isEqualTo(InvolvementStatus.ENDED);
            assertThat(copy.withdrawn()).isFalse();
        });
    }

    @Test
    void anInvolvementNamingAnotherPracticeIsNotForUsAndNothingIsKept() {
        when(pull.pull(MUNICIPALITY, "involvement", "i-2", "care-coordination", null, InvolvementView.class))
                .thenReturn(view("i-2", 1, InvolvementStatus.ACTIVE, OTHER_GP));

        assertThatThrownBy(() -> handler.prepare(notification("i-2", 1, "started")))
                .isInstanceOf(UnusableNotificationException.class)
                .hasMessage(OwnerAnswers.NOT_FOR_US + "the pulled involvement names another practice to inform");

        assertThat(known.all()).isEmpty();
        assertThat(copies.holds(MUNICIPALITY.id().urn(), SharedObjectType.INVOLVEMENT, "i-2")).isFalse();
    }

    @Test
    void aConsentWithdrawalTheMunicipalityStatesMarksTheCopyAndItIsNeverAskedAgain() {
        when(pull.pull(MUNICIPALITY, "involvement", "i-3", "care-coordination", null, InvolvementView.class))
                .thenReturn(view("i-3", 1, InvolvementStatus.ACTIVE, GP))
                .thenThrow(new PullRefusedException(403, "the citizen withdrew the consent", Withdrawal.CONSENT_WITHDRAWN));

        handler.prepare(notification("i-3", 1, "started")).apply();
        handler.prepare(notification("i-3", 2, "consent-withdrawn")).apply();
        handler.prepare(notification("i-3", 3, "ended")).apply();

        PulledCopy<InvolvementView> copy = known.all().get(0);
        assertThat(copy.withdrawal()).isEqualTo(Withdrawal.CONSENT_WITHDRAWN);
        assertThat(copy.withdrawnAt()).isEqualTo(NOW);
        assertThat(copy.version()).isEqualTo(1);
        verify(pull, times(2)).pull(any(), anyString(), anyString(), anyString(), any(), any());
    }

    @Test
    void aClaimedWithdrawalTheMunicipalityDoesNotConfirmIsParkedAndChangesNothing() {
        when(pull.pull(MUNICIPALITY, "involvement", "i-4", "care-coordination", null, InvolvementView.class))
                .thenReturn(view("i-4", 2, InvolvementStatus.ACTIVE, GP));

        assertThatThrownBy(() -> handler.prepare(notification("i-4", 2, "consent-withdrawn")))
                .isInstanceOf(UnusableNotificationException.class).hasMessageStartingWith(OwnerAnswers.CONTRADICTS);

        assertThat(known.all()).isEmpty();
    }

    @Test
    void aWithdrawalLearnedBeforeAnyPullIsKnownAndNothingIsPulledAfter() {
        when(pull.pull(MUNICIPALITY, "involvement", "i-5", "care-coordination", null, InvolvementView.class))
                .thenThrow(new PullRefusedException(403, "the citizen withdrew the consent", Withdrawal.CONSENT_WITHDRAWN));

        handler.prepare(notification("i-5", 2, "consent-withdrawn")).apply();
        handler.prepare(notification("i-5", 1, "started")).apply();

        assertThat(known.all()).singleElement().satisfies(copy -> {
            assertThat(copy.withdrawal()).isEqualTo(Withdrawal.CONSENT_WITHDRAWN);
            assertThat(copy.content()).isNull();
        });
        verify(pull, times(1)).pull(any(), anyString(), anyString(), anyString(), any(), any());
    }

    private static InvolvementView view(String id, int version, InvolvementStatus status, String practice) {
        return new InvolvementView(id, version, MUNICIPALITY.id().urn(), status,
                new InvolvementView.InvolvedCitizen("999998882", "A. Jansen", LocalDate.of(1950, 3, 1)),
                LocalDate.of(2026, 11, 1), null, status == InvolvementStatus.ENDED ? NOW : null, null, null, practice,
                new InvolvementView.InvolvementConsent(NOW, "ORAL", List.of("care-coordination"), ConsentStatus.GIVEN));
    }

    /** As it arrives on this practice's inbox: the kind of change in the type, the body facts only. */
    private static ReceivedNotification notification(String subject, int version, String change) {
        SharedObjectType type = SharedObjectType.INVOLVEMENT;
        String source = MUNICIPALITY.id().urn();
        Notification notification = new Notification("event-" + subject + "-" + version, source,
                type.eventType(change), subject, NOW,
                URI.create("https://node.example:8443/network/v1/objects/involvement/" + subject), (long) version,
                new byte[0], NotificationTopics.inbox("GP_PRACTICE", GP), 0, 0L);
        return new ReceivedNotification(notification, type, new ObjectChanged(type.code(), subject, version, source, NOW),
                MUNICIPALITY, "care-coordination");
    }

    private static Participant participant(String urn, ParticipantRole role) {
        // no certificate is checked here; a participant only needs a fingerprint of the right form
        return new Participant(ParticipantId.of(urn), role, role.name().toLowerCase(),
                URI.create("https://node.example:8443"), "ab".repeat(32));
    }
}
