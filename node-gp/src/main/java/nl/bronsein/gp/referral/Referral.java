package nl.bronsein.gp.referral;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * Verwijzing: the practice's referral of a citizen to a municipality or, directly, to a provider, at its source. The id
 * is random, never derived from the BSN, because it travels in notifications. Every change is a new version; a
 * withdrawn referral no longer changes.
 */
public record Referral(UUID id, int version, ReferralStatus status, Instant recordedAt, ReferralDraft content,
                       ConsentRecord consent, Instant withdrawnAt) {

    public String addressee() {
        return content.addressee();
    }

    /** Correctierecht: rectification at the source, notified so every holder of a copy refreshes it. */
    Referral correct(ReferralCorrection correction) {
        requireOpen("corrected");
        ReferralDraft corrected = new ReferralDraft(correction.citizen(), content.contactPerson(), content.consent(),
                correction.requestedSupport(), correction.problemAnalysis(), correction.urgency(),
                correction.contactPoint(), content.addressee(), content.legalFramework(),
                correction.catalogueService() == null ? content.catalogueService() : correction.catalogueService());
        return new Referral(id, version + 1, ReferralStatus.CORRECTED, recordedAt, corrected, consent, withdrawnAt);
    }

    Referral withContactPerson(ReferralDraft.ContactPerson person) {
        requireOpen("changed");
        ReferralDraft changed = new ReferralDraft(content.citizen(), person, content.consent(), content.requestedSupport(),
                content.problemAnalysis(), content.urgency(), content.contactPoint(), content.addressee(),
                content.legalFramework(),
                content.catalogueService());
        return new Referral(id, version + 1, status, recordedAt, changed, consent, withdrawnAt);
    }

    Referral withdraw(Instant at) {
        requireOpen("withdrawn");
        return new Referral(id, version + 1, ReferralStatus.WITHDRAWN, recordedAt, content, consent, at);
    }

    /** The consent it rests on was withdrawn: the referral's own facts stay, its version moves so holders hear of it. */
    Referral consentWithdrawn(ConsentRecord withdrawn) {
        return new Referral(id, version + 1, status, recordedAt, content, withdrawn, withdrawnAt);
    }

    private void requireOpen(String step) {
        if (status == ReferralStatus.WITHDRAWN) {
            throw new IllegalTransitionException("a withdrawn referral cannot be " + step);
        }
    }
}
