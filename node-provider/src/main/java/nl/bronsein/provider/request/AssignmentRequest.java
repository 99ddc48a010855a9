package nl.bronsein.provider.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.ObjectReferenceView;

/**
 * Verzoek om toewijzing (cf. iJw 315): the provider asks the municipality for an assignment of youth care it was given
 * direct access to by a GP's referral. It refers to its assignment, the referral and, once answered, the municipality's
 * case; every step returns the next version.
 *
 * @param municipality the municipality asked: the one responsible for the child (woonplaatsbeginsel), named by the
 *                     planner
 * @param answeredBy   the municipality's case that answered, null until it did
 * @param adultOn      the day the client turned 18 while in care, once noticed; a fact the municipality is told of
 */
public record AssignmentRequest(UUID id, int version, AssignmentRequestStatus status, UUID assignmentId,
                                ObjectReferenceView referral, String municipality, String productCategory,
                                Instant requestedAt, ObjectReferenceView answeredBy, Instant answeredAt,
                                LocalDate adultOn) {

    AssignmentRequest answered(AssignmentRequestStatus answer, ObjectReferenceView byCase, Instant at) {
        return new AssignmentRequest(id, version + 1, answer, assignmentId, referral, municipality, productCategory,
                requestedAt, byCase, at, adultOn);
    }

    AssignmentRequest withdrawn() {
        return new AssignmentRequest(id, version + 1, AssignmentRequestStatus.WITHDRAWN, assignmentId, referral,
                municipality, productCategory, requestedAt, answeredBy, answeredAt, adultOn);
    }

    AssignmentRequest corrected(String product) {
        return new AssignmentRequest(id, version + 1, status, assignmentId, referral, municipality, product,
                requestedAt, answeredBy, answeredAt, adultOn);
    }

    AssignmentRequest cameOfAge(LocalDate on) {
        return new AssignmentRequest(id, version + 1, status, assignmentId, referral, municipality, productCategory,
                requestedAt, answeredBy, answeredAt, on);
    }
}
