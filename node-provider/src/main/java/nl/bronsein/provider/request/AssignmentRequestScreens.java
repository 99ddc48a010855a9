package nl.bronsein.provider.request;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import nl.bronsein.provider.assignment.Assignment;
import nl.bronsein.provider.assignment.AssignmentRepository;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.view.AssignmentRequestStatus;
import nl.bronsein.schemas.view.AssignmentStatus;

/**
 * Aanvragen jeugdhulp: the planner's requests for an assignment (verzoek om toewijzing, cf. iJw 315) on youth care a
 * GP referred a citizen to us for directly, beside the request API and on the same service, repository, form and role.
 * A request holds references and a product, no data of the citizen, so the list (as the API's list) records no read.
 * It polls, so the municipality's answer shows without a reload.
 */
@StaffScreen
@RequestMapping("/app/aanvragen")
class AssignmentRequestScreens implements ScreenMenuEntry {

    private static final String PAGE = "request/requests";

    private final AssignmentRequestService service;
    private final AssignmentRequestRepository requests;
    private final AssignmentRepository assignments;
    private final ParticipantList participants;

    AssignmentRequestScreens(AssignmentRequestService service, AssignmentRequestRepository requests,
                             AssignmentRepository assignments, ParticipantList participants) {
        this.service = service;
        this.requests = requests;
        this.assignments = assignments;
        this.participants = participants;
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Aanvragen jeugdhulp", "/app/aanvragen", Set.of(StaffRole.PROVIDER_PLANNER), 20);
    }

    /** An empty field is no value, as an absent JSON field is on the staff API. */
    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    /** One request as the list shows it. */
    public record Row(UUID id, String state, boolean open, String municipality, String productCategory,
                      Instant requestedAt, Instant answeredAt, UUID assignment) {
    }

    /** An assignment a request may be made on, named without personal data: who referred, when, where it stands. */
    public record Choice(UUID id, String label) {
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping
    String page(Model model) {
        return page(model, requests.fingerprint());
    }

    /** The list's fragment once a request was made, changed or answered since {@code versie}; 204 if not. */
    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @GetMapping("/stand")
    ModelAndView state(@RequestParam(name = "versie", required = false) String seen, Model model,
                       HttpServletResponse response) {
        String fingerprint = requests.fingerprint();
        if (fingerprint.equals(seen)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null; // no view: htmx leaves the page as it is
        }
        page(model, fingerprint);
        return new ModelAndView(PAGE + " :: lijst", model.asMap());
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping
    String request(@Validated @ModelAttribute("form") AssignmentRequestController.RequestForm form, BindingResult errors,
                   Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(model);
        }
        try {
            service.request(form.assignment(), form.municipality(), form.productCategory());
        } catch (InvalidRequestException invalid) {
            for (FieldProblem problem : invalid.problems()) {
                errors.rejectValue(problem.field(), "invalid", problem.reason());
            }
            return page(model);
        } catch (IllegalTransitionException | ConcurrentChangeException refused) {
            return refused(model, response);
        }
        redirect.addFlashAttribute("notice", "De aanvraag is verstuurd; de gemeente krijgt een melding en haalt haar op.");
        return "redirect:/app/aanvragen";
    }

    @PreAuthorize("hasRole('PROVIDER_PLANNER')")
    @PostMapping("/{id}/intrekken")
    String withdraw(@PathVariable UUID id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            service.withdraw(id);
        } catch (IllegalTransitionException | ConcurrentChangeException refused) {
            return refused(model, response);
        }
        redirect.addFlashAttribute("notice", "De aanvraag is ingetrokken.");
        return "redirect:/app/aanvragen";
    }

    /** Refused by the domain (answered meanwhile, asked already, not a youth referral): nothing changed. */
    private String refused(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("problem", "Dat kan niet (meer) voor deze opdracht of aanvraag: alleen een directe verwijzing "
                + "voor jeugdhulp die niet is afgewezen, beëindigd of ingetrokken, eenmaal, en intrekken alleen vóór het "
                + "antwoord van de gemeente. Er is niets gewijzigd.");
        return page(model);
    }

    private String page(Model model, String fingerprint) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new AssignmentRequestController.RequestForm(null, null, null));
        }
        List<AssignmentRequest> all = requests.findAll();
        Set<UUID> requested = all.stream().map(AssignmentRequest::assignmentId).collect(java.util.stream.Collectors.toSet());
        model.addAttribute("rows", all.stream().map(this::row).toList());
        model.addAttribute("fingerprint", fingerprint);
        model.addAttribute("choices", assignments.findAll().stream()
                .filter(a -> !a.commissionedByCase() && !requested.contains(a.id()))
                .filter(a -> a.status() != AssignmentStatus.DECLINED && a.status() != AssignmentStatus.CARE_ENDED)
                .map(this::choice).toList());
        model.addAttribute("municipalities", participants.all().stream()
                .filter(p -> p.role() == ParticipantRole.MUNICIPALITY).toList());
        return PAGE;
    }

    private Row row(AssignmentRequest r) {
        return new Row(r.id(), state(r.status()), r.status() == AssignmentRequestStatus.REQUESTED, name(r.municipality()),
                r.productCategory(), r.requestedAt(), r.answeredAt(), r.assignmentId());
    }

    private Choice choice(Assignment a) {
        return new Choice(a.id(), "Directe verwijzing van " + name(a.referral().owner()) + ", opdracht "
                + a.id().toString().substring(0, 8));
    }

    private String name(String urn) {
        return participants.find(urn).map(Participant::name).orElse(urn);
    }

    /** The request's state in the planner's words; no default, so a status added to the contract must be named here. */
    static String state(AssignmentRequestStatus status) {
        return switch (status) {
            case REQUESTED -> "aangevraagd";
            case GRANTED -> "toegekend";
            case REFUSED -> "geweigerd";
            case WITHDRAWN -> "ingetrokken";
        };
    }
}
