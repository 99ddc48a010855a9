package nl.bronsein.gp.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.gp.consent.ConsentStatus;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.runtime.web.FieldProblem;
import nl.bronsein.runtime.web.InvalidRequestException;
import nl.bronsein.schemas.ReferralChange;
import nl.bronsein.schemas.ReferralChanged;
import nl.bronsein.schemas.SharedObjectType;

/** Records referrals at the source: the referral, its consent and its notification commit together or not at all. */
@Service
public class ReferralService {

    /** The transfer a referral to a municipality is for; the consent must cover it. */
    static final String INTAKE = "intake";

    private final ReferralRepository referrals;
    private final ConsentRepository consents;
    private final Outbox outbox;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    public ReferralService(ReferralRepository referrals, ConsentRepository consents, Outbox outbox,
                           ParticipantList participants, NodeIdentity identity, Clock clock) {
        this.referrals = referrals;
        this.consents = consents;
        this.outbox = outbox;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    @Transactional
    public Referral record(ReferralDraft draft) {
        checkAgainstTheNetwork(draft);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ConsentRecord consent = new ConsentRecord(UUID.randomUUID(), draft.consent().givenAt(), draft.consent().form(),
                draft.consent().documentReference(), draft.consent().purposes().stream().distinct().toList(),
                ConsentStatus.GIVEN, null);
        Referral referral = new Referral(UUID.randomUUID(), 1, ReferralStatus.RECORDED, now, draft, consent);
        consents.insert(consent, now);
        referrals.insert(referral);
        outbox.record(new NewNotification(SharedObjectType.REFERRAL, referral.id().toString(), "recorded",
                ReferralChanged.newBuilder()
                        .setObjectId(referral.id().toString())
                        .setObjectVersion(referral.version())
                        .setChange(ReferralChange.RECORDED)
                        .setOwner(identity.id().urn())
                        .setConcerns(List.of(draft.addressee()))
                        .setRelated(List.of())
                        .setOccurredAt(now)
                        .build()));
        return referral;
    }

    private void checkAgainstTheNetwork(ReferralDraft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean listedMunicipality = participants.find(draft.addressee())
                .map(Participant::role).filter(ParticipantRole.MUNICIPALITY::equals).isPresent();
        if (!listedMunicipality) {
            problems.add(new FieldProblem("addressee", "is not a municipality in the participant list"));
        }
        if (!draft.consent().purposes().contains(INTAKE)) {
            problems.add(new FieldProblem("consent.purposes", "must include intake: the referral is a transfer for intake"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
