package nl.bronsein.provider.request;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.idempotency.Idempotent;
import nl.bronsein.runtime.staff.StaffAudit;

/** The provider's requests for an assignment (verzoek om toewijzing) on the youth care a GP referred a citizen to it for. */
@Tag(name = "Assignment requests", description = "Ask the municipality for an assignment of youth care a GP's "
        + "referral gave direct access to (cf. iJw 315), and see its answer (cf. iJw 301).")
@RestController
@RequestMapping("/api/v1/assignment-requests")
public class AssignmentRequestController {

    private final AssignmentRequestService service;
    private final AssignmentRequestRepository requests;
    private final StaffAudit audit;

    public AssignmentRequestController(AssignmentRequestService service, AssignmentRequestRepository requests,
                                StaffAudit audit) {
        this.service = service;
        this.requests = requests;
        this.audit = audit;
    }

    /**
     * @param assignment      our assignment on the GP's youth referral
     * @param municipality    the participant id of the municipality responsible for the child (woonplaatsbeginsel)
     * @param productCategory the youth-care product asked for
     */
    public record RequestForm(@NotNull UUID assignment, @NotBlank @Size(max = 100) String municipality,
                       @NotBlank @Size(max = 100) String productCategory) {
    }

    @Operation(summary = "Ask a municipality for an assignment",
            description = "Only for an assignment on a GP's youth referral (Jeugdwet) that is not declined, ended or "
                    + "withdrawn, once per assignment; otherwise 409 and nothing is recorded.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @Idempotent
    @PostMapping
    public ResponseEntity<AssignmentRequest> request(@Validated @RequestBody RequestForm form) {
        AssignmentRequest requested = service.request(form.assignment(), form.municipality().strip(),
                form.productCategory().strip());
        return ResponseEntity.created(URI.create("/api/v1/assignment-requests/" + requested.id())).body(requested);
    }

    /** @param productCategory the youth-care product asked for instead */
    public record Correction(@NotBlank @Size(max = 100) String productCategory) {
    }

    @Operation(summary = "Correct a request", description = "Another product, only before the municipality answered; "
            + "otherwise 409 and nothing changes.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PutMapping("/{id}")
    public AssignmentRequest correct(@PathVariable UUID id, @Validated @RequestBody Correction correction) {
        return service.correct(id, correction.productCategory().strip());
    }

    @Operation(summary = "Withdraw a request", description = "Only before the municipality answered; otherwise 409.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/withdraw")
    public AssignmentRequest withdraw(@PathVariable UUID id) {
        return service.withdraw(id);
    }

    @Operation(summary = "List the requests")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping
    public List<AssignmentRequest> list() {
        return requests.findAll();
    }

    @Operation(summary = "Get a request", description = "With the municipality's answer once it gave one.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/{id}")
    public AssignmentRequest get(@PathVariable UUID id) {
        AssignmentRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("no such request"));
        audit.read("assignment-request", id.toString());
        return request;
    }
}
