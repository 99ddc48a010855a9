package nl.bronsein.gp.feedback;

import java.util.Optional;
import java.util.Set;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.DecisionOutcome;

/**
 * What GPs ask to hear back (seed 000: arrived, picked up, indication, which provider, care started, conclusion), each
 * with the Dutch words the practice uses. GPs work in 10-minute blocks: a milestone is a fact with a time and a
 * source, not a report.
 */
public enum Milestone {
    ARRIVED("aangekomen"),
    PICKED_UP("opgepakt"),
    INDICATION_GRANTED("indicatie afgegeven"),
    INDICATION_DECLINED("afgewezen"),
    REDIRECTED("doorverwezen naar algemene voorziening"),
    PROVIDER_ASSIGNED("toegewezen aan aanbieder"),
    ACCEPTED_BY_PROVIDER("aangenomen door aanbieder"),
    DECLINED_BY_PROVIDER("geweigerd door aanbieder"),
    CARE_STARTED("zorg gestart"),
    CARE_ENDED("zorg beëindigd"),
    CONCLUDED("afgerond"),
    RETURNED("teruggestuurd"),
    CLOSED_WITHOUT_DECISION("gesloten zonder besluit");

    private final String dutch;

    Milestone(String dutch) {
        this.dutch = dutch;
    }

    public String dutch() {
        return dutch;
    }

    /*
     * What the owners' vocabularies (the contract's enums) mean in the timeline. The switches have no default: a status
     * or outcome added to the contract does not compile here until the practice says what it means, instead of being
     * dropped. A status of a newer release than this node's reads as null (schemas.view): it stands for no step this
     * node can name, and Feedback logs it, so the practice's timeline shows what it knows and the operator learns the
     * node is behind.
     */

    /** The milestones a case status stands for; a decision's outcome is in the view, not in the status. */
    static Set<Milestone> ofCase(CaseStatus status) {
        if (status == null) {
            return Set.of();
        }
        return switch (status) {
            case RECEIVED -> Set.of(ARRIVED);
            case PICKED_UP -> Set.of(PICKED_UP);
            case DECIDED -> Set.of(INDICATION_GRANTED, INDICATION_DECLINED, REDIRECTED);
            case ASSIGNED -> Set.of(PROVIDER_ASSIGNED);
            case CONCLUDED -> Set.of(CONCLUDED);
            case RETURNED -> Set.of(RETURNED);
            case CLOSED_WITHOUT_DECISION -> Set.of(CLOSED_WITHOUT_DECISION);
        };
    }

    /**
     * The milestone an assignment status stands for; on a direct referral (no case) the offer is its arrival and the
     * acceptance its pick-up, on a case's assignment the offer is the municipality's step, already in the timeline.
     */
    static Set<Milestone> ofAssignment(AssignmentView view) {
        boolean referredDirectly = view.basis() == null
                || !SharedObjectType.CASE.code().equals(view.basis().objectType());
        if (view.status() == null) {
            return Set.of();
        }
        return switch (view.status()) {
            case OFFERED -> referredDirectly ? Set.of(ARRIVED) : Set.of();
            case ACCEPTED -> Set.of(referredDirectly ? PICKED_UP : ACCEPTED_BY_PROVIDER);
            case DECLINED -> Set.of(DECLINED_BY_PROVIDER);
            case CARE_STARTED -> Set.of(CARE_STARTED);
            case CARE_ENDED -> Set.of(CARE_ENDED);
        };
    }

    /** The milestone a decision's outcome is; empty for an outcome of a newer release. */
    static Optional<Milestone> ofDecision(DecisionOutcome outcome) {
        if (outcome == null) {
            return Optional.empty();
        }
        return Optional.of(switch (outcome) {
            case GRANTED -> INDICATION_GRANTED;
            case DECLINED -> INDICATION_DECLINED;
            case REDIRECTED -> REDIRECTED;
        });
    }
}
