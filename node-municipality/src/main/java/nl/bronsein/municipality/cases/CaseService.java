package nl.bronsein.municipality.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.bronsein.municipality.intake.PulledReferral;
import nl.bronsein.municipality.intake.PulledReferralRepository;
import nl.bronsein.runtime.outbox.NewNotification;
import nl.bronsein.runtime.outbox.Outbox;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.web.IllegalTransitionException;
import nl.bronsein.runtime.web.NotFoundException;
import nl.bronsein.schemas.CaseChanged;
import nl.bronsein.schemas.ObjectReference;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ContactPointView;

/** The case lifecycle; every step is one transaction with its notification, and illegal steps change nothing. */
@Service
public class CaseService {

    private final CaseRepository cases;
    private final PulledReferralRepository pulledReferrals;
    private final Outbox outbox;
    private final NodeIdentity identity;
    private final Clock clock;

    public CaseService(CaseRepository cases, PulledReferralRepository pulledReferrals, Outbox outbox,
                       NodeIdentity identity, Clock clock) {
        this.cases = cases;
        this.pulledReferrals = pulledReferrals;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Takes in a pulled referral: keeps the pulled copy, and opens a case for it unless one exists — a referral
     * notified twice, or replayed, still has one case.
     */
    @Transactional
    public Case receive(PulledReferral referral) {
        pulledReferrals.save(referral);
        return cases.findByReferral(referral.owner(), referral.referralId()).orElseGet(() -> {
            Instant now = now();
            Case opened = new Case(UUID.randomUUID(), 1, CaseStatus.RECEIVED, referral.owner(), referral.referralId(),
                    now, null, null);
            cases.insert(opened, now);
            notifyChange(opened, now);
            return opened;
        });
    }

    /** Opgepakt: the wijkteam takes the case on and gives its function-level contact point. */
    @Transactional
    public Case pickUp(UUID caseId, ContactPointView wijkteam) {
        Case current = cases.find(caseId).orElseThrow(() -> new NotFoundException("no such case"));
        if (!current.status().mayBecome(CaseStatus.PICKED_UP)) {
            throw new IllegalTransitionException("a case in status " + current.status() + " cannot be picked up");
        }
        Instant now = now();
        Case pickedUp = new Case(current.id(), current.version() + 1, CaseStatus.PICKED_UP, current.referralOwner(),
                current.referralId(), current.receivedAt(), now, wijkteam);
        if (!cases.update(pickedUp, current.version(), now)) {
            throw new IllegalTransitionException("the case changed meanwhile; reload and try again");
        }
        notifyChange(pickedUp, now);
        return pickedUp;
    }

    private void notifyChange(Case c, Instant at) {
        outbox.record(new NewNotification(SharedObjectType.CASE, c.id().toString(), "status-changed",
                CaseChanged.newBuilder()
                        .setObjectId(c.id().toString())
                        .setObjectVersion(c.version())
                        .setStatus(nl.bronsein.schemas.CaseStatus.valueOf(c.status().name()))
                        .setOwner(identity.id().urn())
                        .setConcerns(List.of(c.referralOwner()))
                        .setRelated(List.of(new ObjectReference(c.referralOwner(), SharedObjectType.REFERRAL.code(), c.referralId())))
                        .setOccurredAt(at)
                        .build()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
