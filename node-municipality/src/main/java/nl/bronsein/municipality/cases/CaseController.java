package nl.bronsein.municipality.cases;

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
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.schemas.view.AssignmentRequestView;
import nl.bronsein.schemas.view.AssignmentView;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ReferralIntakeView;

/** The municipality's case API, for its case system: the lifecycle of a case, one step per request. */
@Tag(name = "Cases", description = "The municipality's cases (meldingen), one per referral it received: pick-up, "
        + "decision, assignment to a provider, conclusion — or return or closure.")
@RestController
@RequestMapping("/api/v1/cases")
public class CaseController {

    private final CaseService service;
    private final CaseRepository cases;
    private final CaseDetails details;

    CaseController(CaseService service, CaseRepository cases, CaseDetails details) {
        this.service = service;
        this.cases = cases;
        this.details = details;
    }

    public record PickUp(@NotNull UUID contactPointId) {
    }

    public record DecisionRequest(@NotNull DecisionOutcome outcome, @Size(max = 100) String productCategory,
                                  @Size(max = 500) String reason, @Size(max = 200) String generalProvision) {

        @AssertTrue(message = "a granted decision names the product category")
        public boolean isProductCategoryGivenWhenGranted() {
            return outcome != DecisionOutcome.GRANTED || present(productCategory);
        }

        @AssertTrue(message = "a declined decision gives the reason")
        public boolean isReasonGivenWhenDeclined() {
            return outcome != DecisionOutcome.DECLINED || present(reason);
        }

        @AssertTrue(message = "a redirection names the general provision")
        public boolean isGeneralProvisionGivenWhenRedirected() {
            return outcome != DecisionOutcome.REDIRECTED || present(generalProvision);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    public record Assign(@NotBlank @Size(max = 100) String provider) {
    }

    public record Conclude(@NotBlank @Size(max = 500) String conclusion) {
    }

    public record Return(@NotBlank @Size(max = 100) String municipality, @Size(max = 500) String reason) {
    }

    public record Close(@NotBlank @Size(max = 500) String reason) {
    }

    /**
     * One case for the wijkteam: the case, the referral as pulled (with where and when; its content is left out once
     * withdrawn), what the providers reported on their assignments, and the service of our catalogue the GP referred
     * for.
     *
     * @param catalogueService as our catalogue holds it now (a correction shows, a retired service shows its end); null
     *                         when the referral names none, is withdrawn, or names a service that is not ours
     * @param request          the youth-care provider's request for an assignment the case answers, as pulled: with the
     *                         day the client turned 18 in care once the provider told us; null for a referral to us
     */
    public record CaseDetail(Case current, PulledCopy<ReferralIntakeView> referral,
                             List<PulledCopy<AssignmentView>> assignments, CatalogueServiceView catalogueService,
                             PulledCopy<AssignmentRequestView> request) {
    }

    @Operation(summary = "List the cases")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping
    public List<Case> list() {
        return cases.findAll();
    }

    @Operation(summary = "Get a case", description = "The case, the referral as pulled and what the providers reported on their assignments.")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/{id}")
    public CaseDetail get(@PathVariable UUID id) {
        return details.read(id);
    }

    @Operation(summary = "Pick up a case", description = "The wijkteam takes the case, naming the published contact point the citizen and GP can reach.")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/pick-up")
    public Case pickUp(@PathVariable UUID id, @Validated @RequestBody PickUp request) {
        return service.pickUp(id, request.contactPointId());
    }

    @Operation(summary = "Decide on a case", description = "GRANTED with a product category, DECLINED with a reason, or REDIRECTED to a general provision.")
    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/{id}/decide")
    public Case decide(@PathVariable UUID id, @Validated @RequestBody DecisionRequest request) {
        return service.decide(id, request.outcome(), request.productCategory(), request.reason(), request.generalProvision());
    }

    @Operation(summary = "Assign a granted case to a provider", description = "The provider is notified and pulls the case for care-delivery.")
    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/{id}/assign")
    public Case assign(@PathVariable UUID id, @Validated @RequestBody Assign request) {
        return service.assign(id, request.provider());
    }

    @Operation(summary = "Conclude a case")
    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/conclude")
    public Case conclude(@PathVariable UUID id, @Validated @RequestBody Conclude request) {
        return service.conclude(id, request.conclusion());
    }

    @Operation(summary = "Return a case", description = "To the citizen's own municipality (woonplaatsbeginsel), with a reason.")
    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/{id}/return")
    public Case returnTo(@PathVariable UUID id, @Validated @RequestBody Return request) {
        return service.returnTo(id, request.municipality(), request.reason());
    }

    @Operation(summary = "Close a case without a decision")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/close")
    public Case close(@PathVariable UUID id, @Validated @RequestBody Close request) {
        return service.closeWithoutDecision(id, request.reason());
    }
}
