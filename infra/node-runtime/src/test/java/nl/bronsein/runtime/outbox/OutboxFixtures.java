package nl.bronsein.runtime.outbox;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.bronsein.runtime.pull.Addressees;
import nl.bronsein.runtime.pull.PullPolicy;
import nl.bronsein.runtime.pull.PullRule;
import nl.bronsein.runtime.pull.SharedObject;
import nl.bronsein.runtime.pull.SharedObjectSource;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.NotificationTopics;
import nl.bronsein.schemas.SharedObjectType;

/**
 * A GP practice's outbox without a GP node: every referral involves one municipality, which the policy lets pull it
 * for intake, so each change is addressed to that municipality's inbox — what the relay tests need, and no more.
 */
public final class OutboxFixtures {

    public static final String GP = "urn:nld:kvk:12345678";
    public static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    /** The municipality's inbox: where every change of these fixtures goes. */
    static final String INBOX = NotificationTopics.inbox("MUNICIPALITY", MUNICIPALITY);

    public static final NodeIdentity IDENTITY = new NodeIdentity(participant(GP, ParticipantRole.GP_PRACTICE));

    private OutboxFixtures() {
    }

    public static Addressees addressees() {
        Participant municipality = participant(MUNICIPALITY, ParticipantRole.MUNICIPALITY);
        SharedObject referral = new SharedObject() {
            @Override
            public Set<ParticipantId> involved() {
                return Set.of(municipality.id());
            }

            @Override
            public boolean consentCovers(String purpose) {
                return true;
            }

            @Override
            public Object view(String view, Participant caller) {
                return "referral";
            }
        };
        SharedObjectSource referrals = new SharedObjectSource() {
            @Override
            public SharedObjectType objectType() {
                return SharedObjectType.REFERRAL;
            }

            @Override
            public Set<String> views() {
                return Set.of("intake");
            }

            @Override
            public Optional<SharedObject> find(UUID objectId) {
                return Optional.of(referral);
            }
        };
        PullPolicy policy = new PullPolicy(List.of(new PullRule("referral", "intake",
                List.of(ParticipantRole.MUNICIPALITY), List.of(), "intake", true, null)));
        return new Addressees(List.of(referrals), policy, new ParticipantList(List.of(IDENTITY.participant(), municipality)),
                IDENTITY);
    }

    /** A signer with a key of the GP's own, from a CA of the test's own: the relay tests do not verify. */
    public static nl.bronsein.runtime.notification.NotificationSigner signer() {
        nl.bronsein.devpki.NodeCredentials credentials = nl.bronsein.devpki.DevCertificateAuthority.generate("Relay test CA")
                .issue(nl.bronsein.devpki.NodeCertificateRequest.of("Huisartsenpraktijk De Linde", "12345678"));
        return new nl.bronsein.runtime.notification.NotificationSigner(credentials.privateKey(), credentials.certificate());
    }

    public static NewNotification change(String objectId, int version) {
        return new NewNotification(SharedObjectType.REFERRAL, objectId, "corrected", version,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static Participant participant(String urn, ParticipantRole role) {
        // a certificate fingerprint of its own: the list refuses one certificate for two participants
        String fingerprint = String.format("%064x", new java.math.BigInteger(1, urn.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 64);
        return new Participant(ParticipantId.of(urn), role, urn, URI.create("https://" + role.name().toLowerCase()
                .replace('_', '-') + ".example:8443"), fingerprint);
    }
}
