package nl.bronsein.municipality.involvement;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.idempotency.Idempotent;
import nl.bronsein.runtime.staff.StaffAudit;

/**
 * The wijkteam's involvements (betrokkenheid), for its case system. Every operation is the wijkteam member's task
 * ({@code WIJKTEAM_MEMBER}): the member helping the citizen is the one who asks their consent and names their GP; the
 * intake officer decides on referrals and has no part in it, so no role beyond the wijkteam's sees these records.
 */
@Tag(name = "Involvements", description = "The wijkteam's involvement with a citizen, told to the citizen's GP practice "
        + "with the citizen's consent (care-coordination): started, corrected, ended, consent withdrawn.")
@RestController
@RequestMapping("/api/v1/involvements")
public class InvolvementController {

    private final InvolvementService service;
    private final InvolvementRepository involvements;
    private final StaffAudit audit;

    public InvolvementController(InvolvementService service, InvolvementRepository involvements, StaffAudit audit) {
        this.service = service;
        this.involvements = involvements;
        this.audit = audit;
    }

    @Operation(summary = "Record an involvement", description = "With the citizen's consent, whose purposes include "
            + "care-coordination; the GP practice named is notified and pulls it.")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @Idempotent
    @PostMapping
    public ResponseEntity<Involvement> start(@Validated @RequestBody InvolvementForm form) {
        if (form.consent() == null) {
            throw new InvalidRequestException("consent", "must not be null");
        }
        Involvement started = service.start(form.details(), form.consent().givenAt(), form.consent().form().name(),
                form.consent().purposes());
        return ResponseEntity.created(URI.create("/api/v1/involvements/" + started.id())).body(started);
    }

    @Operation(summary = "List the involvements")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @GetMapping
    public List<Involvement> list() {
        // unlike the case list, every row names a citizen: the list is a read of personal data like the detail
        audit.read("involvement", "*");
        return involvements.findAll();
    }

    @Operation(summary = "Get an involvement")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @GetMapping("/{id}")
    public Involvement get(@PathVariable UUID id) {
        Involvement involvement = involvements.find(id).orElseThrow(() -> new NotFoundException("no such involvement"));
        audit.read("involvement", id.toString());
        return involvement;
    }

    @Operation(summary = "Correct an involvement", description = "The same form without consent; a new version the "
            + "practice pulls. Only while active and consented; the practice cannot change.")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PutMapping("/{id}")
    public Involvement correct(@PathVariable UUID id, @Validated @RequestBody InvolvementForm form) {
        if (form.consent() != null) {
            throw new InvalidRequestException("consent", "is recorded once; withdraw it, or record a new involvement");
        }
        return service.correct(id, form.details());
    }

    @Operation(summary = "End an involvement")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/end")
    public Involvement end(@PathVariable UUID id) {
        return service.end(id);
    }

    @Operation(summary = "Record that the citizen withdrew the consent", description = "The practice is told to ask, "
            + "and from then on is refused, stating the withdrawal.")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/consent/withdraw")
    public Involvement withdrawConsent(@PathVariable UUID id) {
        return service.withdrawConsent(id);
    }
}
