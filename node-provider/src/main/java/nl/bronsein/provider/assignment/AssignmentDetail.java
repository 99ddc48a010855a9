package nl.bronsein.provider.assignment;

import nl.bronsein.runtime.pull.Withdrawal;

import java.time.Instant;

import nl.bronsein.runtime.copy.PulledCopy;

/**
 * One assignment with what it rests on, for the staff who deliver the care: the municipality's case (its decision, the
 * wijkteam to call) and the GP's referral (who the citizen is, the informal carer), each as pulled from its owner.
 *
 * @param basis    the pulled case, or the referral when the GP referred directly; null only if it was never pulled
 * @param referral the GP's referral as pulled from the GP; null only if it was never pulled
 */
public record AssignmentDetail(Assignment assignment, PulledBasis basis, PulledBasis referral) {

    /**
     * A pulled case ({@code CaseCareDeliveryView}) or referral ({@code ReferralCareDeliveryView}, or {@code
     * ReferralIntakeView} for a direct referral) with its provenance.
     *
     * @param content null once withdrawn: the copy is then kept as evidence only, not shown for use
     */
    public record PulledBasis(String owner, String objectType, String objectId, int version, String purpose,
                              Instant pulledAt, boolean withdrawn, Withdrawal withdrawal,
                              Instant withdrawnAt, Object content) {

        static PulledBasis of(PulledCopy<?> copy) {
            return new PulledBasis(copy.owner(), copy.objectType().code(), copy.objectId(), copy.version(),
                    copy.purpose(), copy.pulledAt(), copy.withdrawn(), copy.withdrawal(), copy.withdrawnAt(),
                    copy.withdrawn() ? null : copy.content());
        }
    }
}
