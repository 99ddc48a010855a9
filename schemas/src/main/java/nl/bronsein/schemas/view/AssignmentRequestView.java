package nl.bronsein.schemas.view;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A youth-care provider's request for an assignment (verzoek om toewijzing, cf. iJw 315) as the municipality it is
 * addressed to sees it for purpose {@code youth-assignment}. The provider's own data only: which of its assignments,
 * the product it asks for, and a reference to the GP's referral that gave the citizen direct access. The citizen's data
 * is not in it: the municipality pulls the referral from the GP, which admits it once the provider confirms the
 * request ({@link AssignmentRequestVerificationView}) — nobody passes on what it pulled.
 *
 * @param status          null when the provider serves a status added after this release
 * @param referral        the GP's referral the provider was given direct access on
 * @param municipality    the municipality asked
 * @param productCategory the youth-care product asked for
 * @param answeredBy      the municipality's case that answered, once it did
 * @param adultOn         the day the client turned 18 while in care, notified as a fact of its own so the municipality
 *                        can decide on a continuation under the Wmo; null while the client is a minor or before care
 */
public record AssignmentRequestView(String objectId, int version, String owner,
                                    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) AssignmentRequestStatus status,
                                    ObjectReferenceView referral, String municipality, String productCategory,
                                    Instant requestedAt, ObjectReferenceView answeredBy, Instant answeredAt,
                                    LocalDate adultOn) implements SharedView {
}
