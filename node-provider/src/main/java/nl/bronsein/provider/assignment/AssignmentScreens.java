package nl.bronsein.provider.assignment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.schemas.view.AssignmentStatus;
import nl.bronsein.schemas.view.CaseCareDeliveryView;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ContactPointView;
import nl.bronsein.schemas.view.DecisionOutcome;
import nl.bronsein.schemas.view.ReferralCareDeliveryView;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * Opdrachten: the planner's pages of the provider's assignments, beside the assignment API and on the same service,
 * repository and roles. The list holds references and times only (as the API's list); an assignment's page shows what
 * it rests on, as pulled, and is recorded as a staff read as the API's detail is. Both poll a fingerprint, so a new
 * assignment or a step taken elsewhere shows without a reload and an unchanged one costs no read.
 */
@StaffScreen
@RequestMapping("/app/opdrachten")
class AssignmentScreens implements ScreenMenuEntry {

    private static final String PAGE = "assignment/assignments";
    private static final String DETAIL = "assignment/assignment";

    private final AssignmentService service;
    private final AssignmentRepository assignments;
    private final AssignmentBasis basis;
    private final StaffAudit audit;
    private final ParticipantList participants;

    AssignmentScreens(AssignmentService service, AssignmentRepository assignments, AssignmentBasis basis,
                      StaffAudit audit, ParticipantList participants) {
        this.service = service;
        this.assignments = assignments;
        this.basis = basis;
        this.audit = audit;
        this.participants = participants;
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Opdrachten", "/app/opdrachten", Set.of(StaffRole.PROVIDER_PLANNER), 10);
    }

    /** An empty field is no value, as an absent JSON field is on the staff API. */
    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    /** One line of the list: references, times and the state, no personal data and no free text. */
    public record Row(UUID id, String state, String origin, Instant offeredAt, String productCategory, boolean direct,
               boolean withdrawn) {
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping
    String list(Model model) {
        return list(model, assignments.fingerprint());
    }

    /** The list's fragment when an assignment arrived or moved since {@code versie}; 204 (htmx keeps the page) if not. */
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/stand")
    ModelAndView listState(@RequestParam(name = "versie", required = false) String seen, Model model,
                           HttpServletResponse response) {
        String fingerprint = assignments.fingerprint();
        if (fingerprint.equals(seen)) {
            return unchanged(response);
        }
        list(model, fingerprint);
        return new ModelAndView(PAGE + " :: lijst", model.asMap());
    }

    /** 204 and no body: no view is rendered, and htmx leaves the page as it is. */
    private static ModelAndView unchanged(HttpServletResponse response) {
        response.setStatus(HttpStatus.NO_CONTENT.value());
        return null;
    }

    private String list(Model model, String fingerprint) {
        // the fingerprint was read before the rows: a change in between shows at the next poll rather than never
        List<Row> rows = assignments.findAll().stream().sorted(WORK_ORDER).map(this::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("fingerprint", fingerprint);
        return PAGE;
    }

    /** Offered ones first, the oldest at the top (they wait for us); then those we deliver; then the rest, newest first. */
    private static final Comparator<Assignment> WORK_ORDER = Comparator.comparingInt((Assignment a) -> rank(a.status()))
            .thenComparing((x, y) -> x.status() == AssignmentStatus.OFFERED
                    ? x.offeredAt().compareTo(y.offeredAt()) : y.offeredAt().compareTo(x.offeredAt()))
            .thenComparing(Assignment::id);

    private static int rank(AssignmentStatus status) {
        return switch (status) {
            case OFFERED -> 0;
            case ACCEPTED, CARE_STARTED -> 1;
            case DECLINED, CARE_ENDED -> 2;
        };
    }

    private Row row(Assignment a) {
        return new Row(a.id(), state(a.status()), name(a.basis().owner()), a.offeredAt(), a.productCategory(),
                !a.commissionedByCase(), basis.withdrawn(a));
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/{id}")
    String detail(@PathVariable UUID id, Model model) {
        return detail(find(id), model);
    }

    /**
     * The assignment's fragment when it moved since {@code versie} (recorded as a staff read, as the page is); 204
     * without reading what it rests on if not.
     */
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/{id}/stand")
    ModelAndView detailState(@PathVariable UUID id, @RequestParam(name = "versie", required = false) String seen,
                             Model model, HttpServletResponse response) {
        Assignment a = find(id);
        if (fingerprint(a).equals(seen)) {
            return unchanged(response);
        }
        detail(a, model);
        return new ModelAndView(DETAIL + " :: opdracht", model.asMap());
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/accepteren")
    String accept(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return step(id, () -> service.accept(id), "De opdracht is geaccepteerd.", model, response, redirect);
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/afwijzen")
    String decline(@PathVariable UUID id, @Validated @ModelAttribute("decline") AssignmentController.Decline form,
                   BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return errors.hasErrors() ? detail(find(id), model) : step(id, () -> service.decline(id, form.reason()),
                "De opdracht is afgewezen; de gemeente hoort de reden.", model, response, redirect);
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/zorg-starten")
    String startCare(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return step(id, () -> service.startCare(id), "De start van de zorg is gemeld.", model, response, redirect);
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/zorg-beeindigen")
    String endCare(@PathVariable UUID id, @Validated @ModelAttribute("endCare") AssignmentController.EndCare form,
                   BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return errors.hasErrors() ? detail(find(id), model) : step(id, () -> service.endCare(id, form.reason()),
                "Het einde van de zorg is gemeld.", model, response, redirect);
    }

    /**
     * A step as the API takes it; a step the assignment's state no longer allows (another planner was first, or the
     * page was old) changes nothing and is shown on the page as it is now.
     */
    private String step(UUID id, Supplier<Assignment> step, String notice, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        try {
            step.get();
        } catch (IllegalTransitionException | ConcurrentChangeException refused) {
            Assignment now = find(id);
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", "Dat kan niet meer: de opdracht is inmiddels " + state(now.status())
                    + ". Er is niets gewijzigd.");
            return detail(now, model);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/app/opdrachten/" + id;
    }

    private String detail(Assignment a, Model model) {
        audit.read("assignment", a.id().toString());
        AssignmentDetail detail = new AssignmentDetail(a, basis.copy(a).map(AssignmentDetail.PulledBasis::of).orElse(null),
                basis.referral(a).map(AssignmentDetail.PulledBasis::of).orElse(null));
        if (!model.containsAttribute("decline")) {
            model.addAttribute("decline", new AssignmentController.Decline(null));
        }
        if (!model.containsAttribute("endCare")) {
            model.addAttribute("endCare", new AssignmentController.EndCare(null));
        }
        model.addAttribute("assignment", a);
        model.addAttribute("state", state(a.status()));
        model.addAttribute("origin", name(a.basis().owner()));
        model.addAttribute("referrer", name(a.referral().owner()));
        model.addAttribute("fingerprint", fingerprint(a));
        model.addAttribute("withdrawn", basis.withdrawn(a));
        model.addAttribute("caseCopy", detail.basis() != null && a.commissionedByCase() ? detail.basis() : null);
        model.addAttribute("caseView", detail.basis() != null && detail.basis().content() instanceof CaseCareDeliveryView c
                ? c : null);
        model.addAttribute("decision", detail.basis() != null && detail.basis().content() instanceof CaseCareDeliveryView c
                && c.decision() != null ? decision(c.decision().outcome()) : null);
        model.addAttribute("referralCopy", detail.referral());
        model.addAttribute("referral", detail.referral() == null ? null : ReferralContent.of(detail.referral().content()));
        model.addAttribute("mayAccept", AssignmentLifecycle.mayBecome(a.status(), AssignmentStatus.ACCEPTED));
        model.addAttribute("mayDecline", AssignmentLifecycle.mayBecome(a.status(), AssignmentStatus.DECLINED));
        model.addAttribute("mayStartCare", AssignmentLifecycle.mayBecome(a.status(), AssignmentStatus.CARE_STARTED));
        model.addAttribute("mayEndCare", AssignmentLifecycle.mayBecome(a.status(), AssignmentStatus.CARE_ENDED));
        return DETAIL;
    }

    /**
     * The GP's referral as the page shows it, whether pulled for care delivery (the municipality commissioned the care)
     * or for intake (the GP referred to us directly): the two views share these parts.
     */
    public record ReferralContent(Instant recordedAt, ReferralIntakeView.Citizen citizen,
                           ReferralIntakeView.ContactPerson contactPerson, ReferralIntakeView.Consent consent,
                           String requestedSupport, String problemAnalysis, String urgency,
                           ContactPointView contactPoint) {

        /** Null when the copy was withdrawn: then it is kept as evidence only, not shown for use. */
        static ReferralContent of(Object content) {
            if (content instanceof ReferralCareDeliveryView r) {
                return new ReferralContent(r.recordedAt(), r.citizen(), r.contactPerson(), r.consent(),
                        r.requestedSupport(), r.problemAnalysis(), r.urgency(), r.contactPoint());
            }
            if (content instanceof ReferralIntakeView r) {
                return new ReferralContent(r.recordedAt(), r.citizen(), r.contactPerson(), r.consent(),
                        r.requestedSupport(), r.problemAnalysis(), r.urgency(), r.contactPoint());
            }
            return null;
        }

        /** The GP's urgency in the GP's words; an urgency this node does not know yet is shown as sent. */
        public String urgencyText() {
            if (urgency == null) {
                return "niet opgegeven";
            }
            return switch (urgency) {
                case "REGULAR" -> "gewoon";
                case "URGENT" -> "urgent";
                case "CRISIS_WITHIN_24_HOURS" -> "crisis: binnen 24 uur";
                default -> urgency;
            };
        }

        public boolean urgent() {
            return "URGENT".equals(urgency) || "CRISIS_WITHIN_24_HOURS".equals(urgency);
        }

        public boolean consentGiven() {
            return consent != null && consent.status() == ConsentStatus.GIVEN;
        }
    }

    /** The municipality's decision in its own words. */
    private static String decision(DecisionOutcome outcome) {
        if (outcome == null) {
            return "onbekend";
        }
        return switch (outcome) {
            case GRANTED -> "indicatie afgegeven";
            case DECLINED -> "afgewezen";
            case REDIRECTED -> "doorverwezen naar een algemene voorziening";
        };
    }

    /** The assignment's version, and whether what it rests on was withdrawn: a withdrawal changes no version of ours. */
    private String fingerprint(Assignment a) {
        return a.version() + (basis.withdrawn(a) ? "-ingetrokken" : "");
    }

    private Assignment find(UUID id) {
        return assignments.find(id).orElseThrow(() -> new NotFoundException("no such assignment"));
    }

    private String name(String urn) {
        return participants.find(urn).map(Participant::name).orElse(urn);
    }

    /** The state in the planner's words; no default, so a status added to the contract does not compile here unnamed. */
    static String state(AssignmentStatus status) {
        return switch (status) {
            case OFFERED -> "aangeboden";
            case ACCEPTED -> "geaccepteerd";
            case DECLINED -> "afgewezen";
            case CARE_STARTED -> "zorg gestart";
            case CARE_ENDED -> "zorg beëindigd";
        };
    }
}
