package nl.bronsein.provider.assignment;

import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.domain.NotFoundException;

/** The provider's assignment API, for its care system: list assignments, accept or decline, report care started and ended. */
@Tag(name = "Assignments", description = "The provider's assignments (toewijzingen), from a municipality's case or "
        + "a GP's direct referral: accept or decline, report care started and ended.")
@RestController
@RequestMapping("/api/v1/assignments")
public class AssignmentController {

    private final AssignmentService service;
    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final StaffAudit audit;

    public AssignmentController(AssignmentService service, AssignmentRepository assignments, AssignmentBasis basis,
                                StaffAudit audit) {
        this.audit = audit;
        this.service = service;
        this.assignments = assignments;
        this.basis = basis;
    }

    /** Why we decline: the commissioning municipality needs it to find another provider. */
    public record Decline(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * Why care ended, optional. The body itself is required ({@code {}} will do), so that every step that changes an
     * assignment is a deliberate JSON request.
     */
    public record EndCare(@Size(max = 500) String reason) {
    }

    @Operation(summary = "List the assignments")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping
    public List<AssignmentSummary> list() {
        return assignments.findAll().stream().map(this::summary).toList();
    }

    @Operation(summary = "Get an assignment", description = "The assignment and what it rests on, as pulled.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/{id}")
    public AssignmentDetail get(@PathVariable UUID id) {
        Assignment a = find(id);
        audit.read("assignment", id.toString());
        return new AssignmentDetail(a, basis.copy(a).map(AssignmentDetail.PulledBasis::of).orElse(null),
                basis.referral(a).map(AssignmentDetail.PulledBasis::of).orElse(null));
    }

    @Operation(summary = "Accept an assignment")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/accept")
    public AssignmentSummary accept(@PathVariable UUID id) {
        return summary(service.accept(id));
    }

    @Operation(summary = "Decline an assignment", description = "With a reason, for the commissioning municipality.")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/decline")
    public AssignmentSummary decline(@PathVariable UUID id, @Validated @RequestBody Decline request) {
        return summary(service.decline(id, request.reason().strip()));
    }

    @Operation(summary = "Report that care started")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/start-care")
    public AssignmentSummary startCare(@PathVariable UUID id) {
        return summary(service.startCare(id));
    }

    @Operation(summary = "Report that care ended", description = "With an optional reason; the body is required ({} will do).")
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/end-care")
    public AssignmentSummary endCare(@PathVariable UUID id, @Validated @RequestBody EndCare request) {
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        return summary(service.endCare(id, reason));
    }

    private Assignment find(UUID id) {
        return assignments.find(id).orElseThrow(() -> new NotFoundException("no such assignment"));
    }

    private AssignmentSummary summary(Assignment a) {
        return AssignmentSummary.of(a, basis.withdrawn(a));
    }
}
