package nl.bronsein.municipality.cases;

import java.time.Instant;
import java.util.UUID;

import nl.bronsein.schemas.view.ContactPointView;

/**
 * Melding: the municipality's own case about a referral. It refers to the GP's referral (owner + id) rather than
 * copying it; the pulled referral is kept apart with its provenance.
 *
 * @param contactPoint the wijkteam's function-level contact point, once the case is picked up
 */
public record Case(UUID id, int version, CaseStatus status, String referralOwner, String referralId, Instant receivedAt,
                   Instant pickedUpAt, ContactPointView contactPoint) {
}
