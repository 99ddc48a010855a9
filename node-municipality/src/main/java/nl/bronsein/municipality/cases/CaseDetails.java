package nl.bronsein.municipality.cases;

import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.bronsein.municipality.followup.FollowedAssignments;
import nl.bronsein.runtime.catalogue.ServiceCatalogue;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentRequestView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * One case as staff read it, on the staff API and on the case page alike: the read is recorded as a staff read before
 * anything is assembled, so both doors leave the same trace in the processing log.
 */
@Component
class CaseDetails {

    private final CaseRepository cases;
    private final PulledCopies copies;
    private final FollowedAssignments assignments;
    private final StaffAudit audit;
    private final ServiceCatalogue catalogue;

    CaseDetails(CaseRepository cases, PulledCopies copies, FollowedAssignments assignments, StaffAudit audit,
                ServiceCatalogue catalogue) {
        this.cases = cases;
        this.copies = copies;
        this.assignments = assignments;
        this.audit = audit;
        this.catalogue = catalogue;
    }

    CaseController.CaseDetail read(UUID id) {
        Case c = cases.find(id).orElseThrow(() -> new NotFoundException("no such case"));
        audit.read("case", id.toString());
        PulledCopy<ReferralIntakeView> referral = copies.find(c.referralOwner(), SharedObjectType.REFERRAL, c.referralId(),
                        ReferralIntakeView.class)
                .map(r -> r.withdrawn() ? new PulledCopy<ReferralIntakeView>(r.owner(), r.objectType(), r.objectId(),
                        r.version(), r.purpose(), r.pulledAt(), null, r.withdrawal(), r.withdrawnAt()) : r)
                .orElse(null);
        PulledCopy<AssignmentRequestView> request = c.request() == null ? null : copies.find(c.request().provider(),
                SharedObjectType.ASSIGNMENT_REQUEST, c.request().requestId(), AssignmentRequestView.class).orElse(null);
        return new CaseController.CaseDetail(c, referral, assignments.forCase(id), referral == null ? null
                : catalogue.namedIn(referral.content()).orElse(null), request);
    }

    /**
     * What a case page shows changes with this: the case's version (its steps, and a corrected or withdrawn basis) and
     * the versions of the providers' assignments we follow for it (accepted, care started). Read without reading any
     * citizen's data, so asking every few seconds records nothing.
     */
    String fingerprint(UUID id) {
        return cases.version(id).map(v -> v + "." + assignments.fingerprint(id)).orElse("0");
    }
}
