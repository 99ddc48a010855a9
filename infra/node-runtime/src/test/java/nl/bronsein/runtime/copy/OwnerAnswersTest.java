package nl.bronsein.runtime.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.bronsein.runtime.RuntimeTables;
import nl.bronsein.runtime.inbox.InboxChange;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.notification.Notification;
import nl.bronsein.runtime.pull.PullClient;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.ObjectChanged;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.PublishedContactPointView;
import tools.jackson.databind.json.JsonMapper;

/** When a notification leads to a pull, and when what this node holds already answers it. */
class OwnerAnswersTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final Participant OWNER = new Participant(ParticipantId.of("urn:nld:kvk:12345678"),
            ParticipantRole.GP_PRACTICE, "Test", URI.create("https://gp.example:8443"), "ab");
    private static final String PURPOSE = "contact-points";

    private final PulledCopies copies = new PulledCopies(RuntimeTables.inMemoryH2("owner-answers"),
            JsonMapper.builder().build());
    private final PullClient pull = mock(PullClient.class);
    private final OwnerAnswers owners = new OwnerAnswers(pull, copies, Clock.fixed(NOW, ZoneOffset.UTC));
    private final String objectId = UUID.randomUUID().toString();

    @Test
    void aBacklogIsPulledOnceAtItsFirstNotificationAndTheVersionsHeldAreNotPulledAgain() {
        servedAtVersion(3);

        handle(notification(1, "changed", PURPOSE)).apply();
        assertThat(copies.find(OWNER.id().urn(), SharedObjectType.CONTACT_POINT, objectId, PublishedContactPointView.class))
                .get().extracting(PulledCopy::version).isEqualTo(3);
        verify(pull, times(1)).pull(any(), anyString(), anyString(), anyString(), isNull(), any());

        assertThat(handle(notification(2, "changed", PURPOSE))).isSameAs(InboxChange.NONE);
        assertThat(handle(notification(3, "changed", PURPOSE))).isSameAs(InboxChange.NONE);
        verify(pull, times(1)).pull(any(), anyString(), anyString(), anyString(), isNull(), any());

        servedAtVersion(4);
        handle(notification(4, "changed", PURPOSE)).apply();
        verify(pull, times(2)).pull(any(), anyString(), anyString(), anyString(), isNull(), any());
    }

    @Test
    void aVersionHeldForAnotherPurposeIsPulledAgain() {
        servedAtVersion(2);
        handle(notification(2, "changed", PURPOSE)).apply();
        clearInvocations(pull);
        servedAtVersion(2);

        handle(notification(2, "changed", "another-purpose")).apply();

        verify(pull).pull(any(), anyString(), anyString(), anyString(), isNull(), any());
    }

    @Test
    void aClaimedWithdrawalIsAlwaysPutToTheOwnerAndAWithdrawnCopyNeverIs() {
        servedAtVersion(2);
        handle(notification(2, "changed", PURPOSE)).apply();
        clearInvocations(pull);
        servedAtVersion(2);

        // the copy is current, but only the owner's answer can confirm a withdrawal: here it serves the object
        ReceivedNotification claim = notification(2, "withdrawn", PURPOSE);
        assertThatThrownBy(() -> owners.ask(claim, Withdrawal.announcedBy(claim.change()),
                PublishedContactPointView.class, copy -> Relevance.apply(() -> copies.keep(copy)),
                withdrawal -> owners.withdrawal(claim, withdrawal)))
                .isInstanceOf(UnusableNotificationException.class).hasMessageStartingWith(OwnerAnswers.CONTRADICTS);
        verify(pull).pull(any(), anyString(), anyString(), anyString(), isNull(), any());

        owners.withdrawal(claim, Withdrawal.OBJECT_WITHDRAWN).apply();
        clearInvocations(pull);
        assertThat(handle(notification(3, "changed", PURPOSE))).isSameAs(InboxChange.NONE);
        verify(pull, never()).pull(any(), anyString(), anyString(), anyString(), isNull(), any());
    }

    private InboxChange handle(ReceivedNotification notification) {
        return owners.ask(notification, Optional.empty(), PublishedContactPointView.class,
                copy -> Relevance.apply(() -> copies.keep(copy)), withdrawal -> owners.withdrawal(notification, withdrawal));
    }

    private void servedAtVersion(int version) {
        when(pull.pull(any(), anyString(), anyString(), anyString(), isNull(), any())).thenReturn(
                new PublishedContactPointView(objectId, version, OWNER.id().urn(), List.of()));
    }

    private ReceivedNotification notification(int version, String change, String purpose) {
        ObjectChanged body = new ObjectChanged("contact-point", objectId, version, OWNER.id().urn(), NOW);
        Notification notification = new Notification(UUID.randomUUID().toString(), OWNER.id().urn(),
                "nl.bronsein.contact-point." + change + ".v2", objectId, NOW,
                URI.create(OWNER.nodeUrl() + "/network/v1/objects/contact-point/" + objectId), (long) version,
                new byte[0], "bronsein.generic.contact-point", 0, 0);
        return new ReceivedNotification(notification, SharedObjectType.CONTACT_POINT, body, OWNER, purpose);
    }
}
