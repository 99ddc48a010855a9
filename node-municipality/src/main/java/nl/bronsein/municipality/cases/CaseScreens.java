package nl.bronsein.municipality.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.NotReadablePropertyException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import nl.bronsein.runtime.contactpoint.ContactPointDirectory;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.NodeIdentity;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.CaseStatus;
import nl.bronsein.schemas.view.ReferralIntakeView;

/**
 * The wijkteam's and intake officers' pages: the worklist of cases and one case with the steps its state allows. The
 * same service, repositories and roles as {@link CaseController}; a case page records the staff read as the API's get
 * does ({@link CaseDetails}). Both pages poll a fingerprint, so a new case and a provider's report show without a reload
 * and without a processing record every few seconds.
 */
@StaffScreen
class CaseScreens implements ScreenMenuEntry {

    /** The worklist's filters, as staff name the states; the final states are out of the way under "afgesloten". */
    enum Filter {
        OPEN("open", EnumSet.of(CaseStatus.RECEIVED, CaseStatus.PICKED_UP, CaseStatus.DECIDED, CaseStatus.ASSIGNED)),
        NIEUW("nieuw", EnumSet.of(CaseStatus.RECEIVED)),
        OPGEPAKT("opgepakt", EnumSet.of(CaseStatus.PICKED_UP)),
        BESLOTEN("besloten", EnumSet.of(CaseStatus.DECIDED)),
        TOEGEWEZEN("toegewezen", EnumSet.of(CaseStatus.ASSIGNED)),
        AFGESLOTEN("afgesloten", EnumSet.of(CaseStatus.CONCLUDED, CaseStatus.RETURNED, CaseStatus.CLOSED_WITHOUT_DECISION));

        final String code;
        final Set<CaseStatus> statuses;

        Filter(String code, Set<CaseStatus> statuses) {
            this.code = code;
            this.statuses = statuses;
        }

        public String code() {
            return code;
        }

        static Filter of(String code) {
            for (Filter f : values()) {
                if (f.code.equals(code)) {
                    return f;
                }
            }
            return OPEN;
        }
    }

    /** One worklist row: the case with what its referral says of urgency and law, nothing about the citizen. */
    record Row(Case current, String urgency, String legalFramework, boolean withdrawn) {

        int urgencyRank() {
            return switch (urgency == null ? "" : urgency) {
                case "CRISIS_WITHIN_24_HOURS" -> 0;
                case "URGENT" -> 1;
                default -> 2;
            };
        }

        public boolean urgent() {
            return urgencyRank() < 2;
        }
    }

    /** Which steps the case page offers: the lifecycle's, with the case's own rules on top (see {@link Case}). */
    record Steps(boolean pickUp, boolean decide, boolean assign, boolean conclude, boolean returnTo, boolean close) {

        /** The steps of {@code who}'s roles, as the API's {@code @PreAuthorize} gives them, that the case allows now. */
        static Steps of(Case c, boolean basisWithdrawn, Authentication who) {
            CaseStatus s = c.status();
            boolean granted = c.decision() != null && c.decision().granted();
            boolean wijkteam = has(who, StaffRole.WIJKTEAM_MEMBER);
            boolean intake = has(who, StaffRole.INTAKE_OFFICER);
            return new Steps(wijkteam && CaseLifecycle.mayBecome(s, CaseStatus.PICKED_UP),
                    intake && !basisWithdrawn && CaseLifecycle.mayBecome(s, CaseStatus.DECIDED),
                    intake && !basisWithdrawn && granted && CaseLifecycle.mayBecome(s, CaseStatus.ASSIGNED),
                    wijkteam && CaseLifecycle.mayBecome(s, CaseStatus.CONCLUDED) && !(s == CaseStatus.DECIDED && granted),
                    intake && CaseLifecycle.mayBecome(s, CaseStatus.RETURNED),
                    (wijkteam || intake) && CaseLifecycle.mayBecome(s, CaseStatus.CLOSED_WITHOUT_DECISION));
        }

        public boolean any() {
            return pickUp || decide || assign || conclude || returnTo || close;
        }

        private static boolean has(Authentication who, StaffRole role) {
            return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
        }
    }

    private static final Map<CaseStatus, String> STATES = Map.of(
            CaseStatus.RECEIVED, "nieuw",
            CaseStatus.PICKED_UP, "opgepakt, wacht op besluit",
            CaseStatus.DECIDED, "besloten",
            CaseStatus.ASSIGNED, "toegewezen",
            CaseStatus.CONCLUDED, "afgerond",
            CaseStatus.RETURNED, "teruggestuurd",
            CaseStatus.CLOSED_WITHOUT_DECISION, "gesloten zonder besluit");

    private final CaseService service;
    private final CaseRepository cases;
    private final CaseDetails details;
    private final PulledCopies copies;
    private final ContactPointDirectory contactPoints;
    private final ParticipantList participants;
    private final NodeIdentity identity;
    private final Clock clock;

    CaseScreens(CaseService service, CaseRepository cases, CaseDetails details, PulledCopies copies,
                ContactPointDirectory contactPoints, ParticipantList participants, NodeIdentity identity, Clock clock) {
        this.service = service;
        this.cases = cases;
        this.details = details;
        this.copies = copies;
        this.contactPoints = contactPoints;
        this.participants = participants;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Werklijst", "/app/werklijst", Set.of(StaffRole.INTAKE_OFFICER, StaffRole.WIJKTEAM_MEMBER), 10);
    }

    /** An empty field is no value, as an absent JSON field is on the staff API. */
    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    // ---- the worklist

    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/app/werklijst")
    String worklist(@RequestParam(name = "toestand", required = false) String filter, Model model) {
        worklistModel(Filter.of(filter), model);
        return "cases/worklist";
    }

    /** The worklist's table alone, when the cases changed since the fingerprint the page has; 204 otherwise. */
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/app/werklijst/stand")
    String worklistState(@RequestParam(name = "versie", required = false) String version,
                         @RequestParam(name = "toestand", required = false) String filter, Model model,
                         HttpServletResponse response) {
        if (cases.fingerprint().equals(version)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        worklistModel(Filter.of(filter), model);
        return "cases/worklist :: list";
    }

    private void worklistModel(Filter filter, Model model) {
        // the fingerprint first: a case arriving while the list is read shows at the next poll rather than never
        model.addAttribute("version", cases.fingerprint());
        List<Row> rows = cases.findAll().stream().filter(c -> filter.statuses.contains(c.status()))
                .map(this::row)
                .sorted(Comparator.comparingInt(Row::urgencyRank).thenComparing(r -> r.current().receivedAt()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("filter", filter);
        model.addAttribute("filters", Filter.values());
        model.addAttribute("states", STATES);
    }

    private Row row(Case c) {
        PulledCopy<ReferralIntakeView> copy = copies.find(c.referralOwner(), SharedObjectType.REFERRAL, c.referralId(),
                ReferralIntakeView.class).orElse(null);
        // a withdrawn referral's content is kept as evidence only, as the case API leaves it out
        ReferralIntakeView referral = copy == null || copy.withdrawn() ? null : copy.content();
        return new Row(c, referral == null ? null : referral.urgency(),
                referral == null || referral.legalFramework() == null ? null : referral.legalFramework().name(),
                copy != null && copy.withdrawn());
    }

    // ---- one case

    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/app/casussen/{id}")
    String page(@PathVariable UUID id, Model model) {
        caseModel(id, model);
        return "cases/case";
    }

    /** The case's state and the providers' reports alone, when they changed since the page's fingerprint; 204 otherwise. */
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/app/casussen/{id}/stand")
    String caseState(@PathVariable UUID id, @RequestParam(name = "versie", required = false) String version, Model model,
                     HttpServletResponse response) {
        if (details.fingerprint(id).equals(version)) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return null;
        }
        caseModel(id, model);
        return "cases/case :: state";
    }

    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/app/casussen/{id}/oppakken")
    String pickUp(@PathVariable UUID id, @Validated @ModelAttribute("pickUp") CaseController.PickUp form,
                  BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::pickUp, "De casus is opgepakt.",
                () -> service.pickUp(id, form.contactPointId()));
    }

    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/app/casussen/{id}/besluit")
    String decide(@PathVariable UUID id, @Validated @ModelAttribute("decision") CaseController.DecisionRequest form,
                  BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::decide, "Het besluit is vastgelegd.",
                () -> service.decide(id, form.outcome(), form.productCategory(), form.reason(), form.generalProvision()));
    }

    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/app/casussen/{id}/toewijzen")
    String assign(@PathVariable UUID id, @Validated @ModelAttribute("assign") CaseController.Assign form,
                  BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::assign, "De casus is toegewezen aan de aanbieder.",
                () -> service.assign(id, form.provider()));
    }

    @PreAuthorize("hasRole('WIJKTEAM_MEMBER')")
    @PostMapping("/app/casussen/{id}/afronden")
    String conclude(@PathVariable UUID id, @Validated @ModelAttribute("conclude") CaseController.Conclude form,
                    BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::conclude, "De casus is afgerond.",
                () -> service.conclude(id, form.conclusion()));
    }

    @PreAuthorize("hasRole('INTAKE_OFFICER')")
    @PostMapping("/app/casussen/{id}/terugsturen")
    String returnTo(@PathVariable UUID id, @Validated @ModelAttribute("returnTo") CaseController.Return form,
                    BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::returnTo, "De casus is teruggestuurd naar de gemeente van de inwoner.",
                () -> service.returnTo(id, form.municipality(), form.reason()));
    }

    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @PostMapping("/app/casussen/{id}/sluiten")
    String close(@PathVariable UUID id, @Validated @ModelAttribute("close") CaseController.Close form,
                 BindingResult errors, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return step(id, errors, model, redirect, response, Steps::close, "De casus is gesloten zonder besluit.",
                () -> service.closeWithoutDecision(id, form.reason()));
    }

    /**
     * One step from a form: invalid input is shown at its field, a refusal by the case (an illegal step, a concurrent
     * change) as a problem on the page as it is now; in both cases nothing changed. Otherwise back to the case (PRG).
     */
    private String step(UUID id, BindingResult errors, Model model, RedirectAttributes redirect,
                        HttpServletResponse response, Predicate<Steps> form, String notice, Supplier<Case> step) {
        if (!errors.hasErrors()) {
            try {
                step.get();
                redirect.addFlashAttribute("notice", notice);
                return "redirect:/app/casussen/" + id;
            } catch (InvalidRequestException e) {
                for (FieldProblem problem : e.problems()) {
                    reject(errors, problem);
                }
            } catch (IllegalTransitionException e) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("problem", refused(id));
            } catch (ConcurrentChangeException e) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("problem", "De casus is intussen door een ander gewijzigd; er is niets opgeslagen. "
                        + "Bekijk de nieuwe stand en probeer het zo nodig opnieuw.");
            }
        }
        caseModel(id, model);
        if (errors.hasErrors() && !form.test((Steps) model.getAttribute("steps")) && !model.containsAttribute("problem")) {
            // posted from a page drawn before another step: the form, and so its errors, is no longer on the page
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problem", refused(id));
        }
        return "cases/case";
    }

    /**
     * The lifecycle's refusal in the staff's words: where the case stands now (the page may have been drawn before
     * another step), and whether what it rests on was withdrawn. The domain's own message is English, for the API.
     */
    private String refused(UUID id) {
        Case now = cases.find(id).orElseThrow(() -> new NotFoundException("no such case"));
        return "Deze stap kan niet in de stand waarin de casus nu is (" + STATES.get(now.status())
                + (service.basisWithdrawn(now) ? "; de verwijzing, de toestemming of het verzoek waarop de casus rust is "
                + "ingetrokken" : "") + "); er is niets gewijzigd.";
    }

    private static void reject(BindingResult errors, FieldProblem problem) {
        try {
            errors.rejectValue(problem.field(), "invalid", problem.reason());
        } catch (NotReadablePropertyException e) {
            errors.reject("invalid", problem.field() + " " + problem.reason());
        }
    }

    private void caseModel(UUID id, Model model) {
        String version = details.fingerprint(id); // before the read: a change while reading shows at the next poll
        CaseController.CaseDetail detail = details.read(id);
        Case c = detail.current();
        Instant now = clock.instant();
        model.addAttribute("version", version);
        model.addAttribute("detail", detail);
        model.addAttribute("c", c);
        model.addAttribute("states", STATES);
        model.addAttribute("basisWithdrawn", service.basisWithdrawn(c));
        model.addAttribute("steps", Steps.of(c, service.basisWithdrawn(c),
                SecurityContextHolder.getContext().getAuthentication()));
        model.addAttribute("names", participants.all().stream()
                .collect(Collectors.toMap(p -> p.id().urn(), Participant::name)));
        List<nl.bronsein.schemas.view.PublishedContactPointView> own = contactPoints.own();
        model.addAttribute("contactPoints", own.stream()
                .flatMap(cp -> cp.detailsAt(now).map(view -> Map.entry(UUID.fromString(cp.objectId()), view.name())).stream())
                .toList());
        model.addAttribute("contactPointNames", own.stream().collect(Collectors.toMap(cp -> UUID.fromString(cp.objectId()),
                cp -> cp.schedule().get(cp.schedule().size() - 1).name())));
        model.addAttribute("providers", participants.all().stream()
                .filter(p -> p.role() == ParticipantRole.PROVIDER)
                // a case answering a provider's request goes to that provider; a provider that declined makes way for another
                .filter(p -> c.request() == null || p.id().urn().equals(c.request().provider()))
                .filter(p -> !p.id().urn().equals(c.assignedProvider()))
                .sorted(Comparator.comparing(Participant::name)).toList());
        model.addAttribute("municipalities", participants.all().stream()
                .filter(p -> p.role() == ParticipantRole.MUNICIPALITY && !p.id().equals(identity.id()))
                .sorted(Comparator.comparing(Participant::name)).toList());
        addIfAbsent(model, "pickUp", new CaseController.PickUp(null));
        addIfAbsent(model, "decision", new CaseController.DecisionRequest(null, null, null, null));
        addIfAbsent(model, "assign", new CaseController.Assign(null));
        addIfAbsent(model, "conclude", new CaseController.Conclude(null));
        addIfAbsent(model, "returnTo", new CaseController.Return(null, null));
        addIfAbsent(model, "close", new CaseController.Close(null));
    }

    private static void addIfAbsent(Model model, String name, Object form) {
        if (!model.containsAttribute(name)) {
            model.addAttribute(name, form);
        }
    }

    /** An unknown case (an old link, a mistyped id) is a page that says so, not the API's problem document. */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "cases/not-found";
    }
}
