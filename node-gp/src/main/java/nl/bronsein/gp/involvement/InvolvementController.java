package nl.bronsein.gp.involvement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.InvolvementStatus;
import nl.bronsein.schemas.view.InvolvementView;

/** The involvements of wijkteams with the practice's patients, as the municipalities last answered. */
@Tag(name = "Involvements", description = "Which municipality's wijkteam helps which patient, since and until when, "
        + "and whom to call: told by the municipality with the patient's consent, no referral needed.")
@RestController
@RequestMapping("/api/v1/involvements")
public class InvolvementController {

    private final KnownInvolvements known;
    private final ContactPointDirectory contactPoints;
    private final ParticipantList participants;
    private final StaffAudit audit;

    public InvolvementController(KnownInvolvements known, ContactPointDirectory contactPoints,
                                 ParticipantList participants, StaffAudit audit) {
        this.known = known;
        this.contactPoints = contactPoints;
        this.participants = participants;
        this.audit = audit;
    }

    /**
     * One involvement as the practice knows it. Once the municipality stated the consent withdrawn, only that it
     * was, and when, is shown: the copy is kept as evidence, and the patient's data in it are no longer the practice's
     * to use.
     *
     * @param municipality     the owner's participant id; {@code municipalityName} its name in the participant list
     * @param status           ACTIVE or ENDED as last served; null when withdrawn, or served by a newer release
     * @param contactPoint     the wijkteam's contact point as the municipality publishes it now
     * @param consentWithdrawn whether the municipality refused the practice, stating the citizen withdrew the consent
     */
    public record KnownInvolvement(String municipality, String municipalityName, String involvementId, int version,
                                   InvolvementStatus status, boolean ended, InvolvementView.InvolvedCitizen citizen,
                                   LocalDate since, LocalDate until, Instant endedAt, ContactPointView contactPoint,
                                   Instant pulledAt, boolean consentWithdrawn, Instant withdrawnAt) {
    }

    @Operation(summary = "List the involvements known for the practice's patients", description = "Each with the "
            + "municipality, since and until when, the contact point to call, and whether it ended or the patient "
            + "withdrew the consent.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping
    public List<KnownInvolvement> list() {
        // every entry names a patient: the list is a read of personal data
        audit.read("involvement", "*");
        return known.all().stream().map(this::shown).toList();
    }

    private KnownInvolvement shown(PulledCopy<InvolvementView> copy) {
        String name = participants.find(copy.owner()).map(Participant::name).orElse(null);
        InvolvementView view = copy.content();
        if (copy.withdrawn() || view == null) {
            return new KnownInvolvement(copy.owner(), name, copy.objectId(), copy.version(), null, false, null, null,
                    null, null, null, copy.pulledAt(), copy.withdrawal() == Withdrawal.CONSENT_WITHDRAWN,
                    copy.withdrawnAt());
        }
        ContactPointView current = view.contactPointRef() == null ? view.contactPoint()
                : contactPoints.currentDetails(copy.owner(), view.contactPointRef().objectId())
                .orElse(view.contactPoint());
        return new KnownInvolvement(copy.owner(), name, copy.objectId(), copy.version(), view.status(),
                view.status() == InvolvementStatus.ENDED, view.citizen(), view.since(), view.until(), view.endedAt(),
                current, copy.pulledAt(), false, null);
    }
}
