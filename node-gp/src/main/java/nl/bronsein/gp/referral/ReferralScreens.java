package nl.bronsein.gp.referral;

import java.beans.PropertyEditorSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.bronsein.gp.consent.ConsentForm;
import nl.bronsein.gp.feedback.Feedback;
import nl.bronsein.gp.feedback.Milestone;
import nl.bronsein.gp.feedback.ReferralTimeline;
import nl.bronsein.runtime.catalogue.ServiceCatalogue;
import nl.bronsein.runtime.domain.ConcurrentChangeException;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.IllegalTransitionException;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantList;
import nl.bronsein.runtime.trust.ParticipantRole;
import nl.bronsein.schemas.view.CatalogueServiceView;
import nl.bronsein.schemas.view.ConsentGiverRole;
import nl.bronsein.schemas.view.LegalFramework;

/**
 * The practice's referral pages: the list, a new referral, and one referral with its timeline, which follows what
 * happens to it without a reload. The same services, repositories and roles per action as {@link ReferralController},
 * the same request records bound and validated; a refusal by the domain is shown on the page with nothing changed.
 */
@StaffScreen
@RequestMapping(ReferralScreens.PATH)
class ReferralScreens implements ScreenMenuEntry {

    static final String PATH = "/app/verwijzingen";
    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter LOCAL_MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** The steps a timeline always shows, reached or still to come; the others only once reached. */
    static final List<Milestone> EXPECTED = List.of(Milestone.ARRIVED, Milestone.PICKED_UP,
            Milestone.INDICATION_GRANTED, Milestone.PROVIDER_ASSIGNED, Milestone.ACCEPTED_BY_PROVIDER,
            Milestone.CARE_STARTED, Milestone.CONCLUDED, Milestone.CARE_ENDED);

    /**
     * The purposes a consent for a referral usually covers, in the order the form offers them, with the words the
     * practice uses for each; intake is the one a referral cannot go without.
     */
    static final Map<String, String> PURPOSES = orderedPurposes();

    private static Map<String, String> orderedPurposes() {
        Map<String, String> purposes = new LinkedHashMap<>();
        purposes.put(ReferralService.INTAKE, "intake door de adressaat");
        purposes.put("referral-feedback", "terugkoppeling aan de praktijk");
        purposes.put("care-delivery", "zorgverlening door de toegewezen aanbieder");
        purposes.put("targeted-question", "gerichte vragen van de gemeente aan de praktijk");
        purposes.put("care-coordination", "afstemming met het wijkteam");
        return Collections.unmodifiableMap(purposes);
    }

    /** The optional parts of {@link ReferralDraft}, by declaring record and component, and the fields that fill them. */
    private static final Map<String, String> OPTIONAL_PARTS = Map.of(
            "ReferralDraft.contactPerson", "contactPerson.",
            "ReferralDraft.catalogueService", "catalogueService.serviceId",
            "Consent.givenBy", "consent.givenBy[");

    private final ReferralService service;
    private final ReferralRepository referrals;
    private final Feedback feedback;
    private final StaffAudit audit;
    private final ParticipantList participants;
    private final ServiceCatalogue catalogue;
    private final Clock clock;

    ReferralScreens(ReferralService service, ReferralRepository referrals, Feedback feedback, StaffAudit audit,
                    ParticipantList participants, ServiceCatalogue catalogue, Clock clock) {
        this.clock = clock;
        this.service = service;
        this.referrals = referrals;
        this.feedback = feedback;
        this.audit = audit;
        this.participants = participants;
        this.catalogue = catalogue;
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Verwijzingen", PATH, Set.of(StaffRole.GP, StaffRole.PRACTICE_ASSISTANT), 10);
    }

    /**
     * An empty field is no value, as an absent JSON field is on the staff API; a moment is typed in the Netherlands'
     * time (an HTML datetime-local field has no zone) and kept as the instant it was there.
     */
    @InitBinder
    void binding(WebDataBinder binder) {
        // the request records are built by their constructors only: no setter binding into a part bound as absent
        binder.setDeclarativeBinding(true);
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
        binder.registerCustomEditor(Instant.class, new LocalMomentEditor());
    }

    /**
     * An optional part of the new referral's form left entirely empty (the contact person, the service, the people who
     * gave consent) is absent, as an absent object is on the API. A browser sends every field of a form, so without this
     * an empty part would be bound as an object of empty fields and fail the part's own constraints.
     */
    @InitBinder("draft")
    void emptyPartsAreAbsent(WebDataBinder binder, HttpServletRequest request) {
        Set<String> absent = OPTIONAL_PARTS.entrySet().stream()
                .filter(part -> request.getParameterMap().entrySet().stream()
                        .filter(p -> p.getKey().startsWith(part.getValue()))
                        .flatMap(p -> Arrays.stream(p.getValue()))
                        .allMatch(value -> value == null || value.isBlank()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        binder.setNameResolver(parameter -> {
            Class<?> type = parameter.getDeclaringClass();
            if (!type.isRecord() || parameter.getParameterIndex() < 0) {
                return null;
            }
            String name = type.getRecordComponents()[parameter.getParameterIndex()].getName();
            // a name no field of the form has: the part is bound as absent
            return absent.contains(type.getSimpleName() + "." + name) ? name + "-absent" : null;
        });
    }

    // ---- the list

    /** A referral in the list: no citizen's name or BSN, as the API's list shows none. */
    record Row(UUID id, String addressee, LegalFramework legalFramework, Urgency urgency, Instant recordedAt,
               String status, String consentStatus, String milestone) {
    }

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping
    String list(Model model) {
        Map<String, String> names = names();
        List<Row> rows = referrals.findAll().stream()
                .sorted(Comparator.comparing(Referral::recordedAt).reversed())
                .map(r -> new Row(r.id(), names.getOrDefault(r.addressee(), r.addressee()),
                        r.content().legalFramework(), r.content().urgency(), r.recordedAt(), r.status().name(),
                        r.consent().status().name(), current(feedback.timelineOf(r.id()))))
                .toList();
        model.addAttribute("rows", rows);
        return "referral/referrals";
    }

    /** The latest step reached, in the practice's words; none yet when nothing was heard back. */
    private static String current(ReferralTimeline timeline) {
        return timeline.steps().stream().max(Comparator.comparing(ReferralTimeline.Step::at))
                .map(ReferralTimeline.Step::label).orElse("nog niets gehoord");
    }

    // ---- a new referral

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/nieuw")
    String form(Model model) {
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", emptyDraft());
        }
        model.addAttribute("addressees", participants.all().stream()
                .filter(p -> p.role() == ParticipantRole.MUNICIPALITY || p.role() == ParticipantRole.PROVIDER)
                .sorted(Comparator.comparing((Participant p) -> p.role()).thenComparing(Participant::name)).toList());
        ReferralDraft draft = (ReferralDraft) model.getAttribute("draft");
        model.addAttribute("owner", draft.addressee());
        model.addAttribute("ownerServices", servicesOffered(draft.addressee()));
        model.addAttribute("chosen", draft.catalogueService() == null ? null : draft.catalogueService().serviceId());
        if (model.getAttribute(BindingResult.MODEL_KEY_PREFIX + "draft") instanceof BindingResult errors) {
            // the service's select is also served on its own (on a change of addressee), so not bound as a field
            model.addAttribute("serviceError", errors.getFieldErrors().stream()
                    .filter(e -> e.getField().startsWith("catalogueService")).map(e -> e.getDefaultMessage())
                    .reduce((a, b) -> a + "; " + b).orElse(null));
        }
        // the citizen's own consent is what an absent list means: no rows to show for it
        List<?> givers = draft.consent().givenBy();
        boolean implied = givers.size() == 1 && draft.consent().givenBy().get(0).role() == ConsentGiverRole.CITIZEN
                && draft.consent().givenBy().get(0).name() == null;
        model.addAttribute("giverCount", implied ? 0 : givers.size());
        model.addAttribute("purposes", PURPOSES);
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("frameworks", LegalFramework.values());
        model.addAttribute("consentForms", ConsentForm.values());
        model.addAttribute("giverRoles", ConsentGiverRole.values());
        return "referral/new-referral";
    }

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @PostMapping("/nieuw")
    String record(@Validated @ModelAttribute("draft") ReferralDraft draft, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            shownAgain("draft", displayable(draft), errors, model);
            return form(model);
        }
        try {
            Referral referral = service.record(draft);
            redirect.addFlashAttribute("notice", "De verwijzing is vastgelegd en de adressaat krijgt een melding.");
            return "redirect:" + PATH + "/" + referral.id();
        } catch (InvalidRequestException refused) {
            refused.problems().forEach(p -> reject(errors, p));
            model.addAttribute("problem", "De verwijzing is niet vastgelegd: " + describe(refused.problems()));
            shownAgain("draft", displayable(draft), errors, model);
            return form(model);
        }
    }

    /** The service select for an addressee: the services of its catalogue offered today, if this node holds it. */
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/nieuw/diensten")
    String servicesOf(@RequestParam(name = "addressee", required = false) String addressee, Model model) {
        model.addAttribute("owner", addressee);
        model.addAttribute("ownerServices", servicesOffered(addressee));
        model.addAttribute("chosen", null);
        model.addAttribute("serviceError", null);
        return "referral/new-referral :: diensten";
    }

    /** One more person who gave consent, and the button for the next one while the API takes more. */
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/nieuw/gever")
    String giverRow(@RequestParam(name = "index", defaultValue = "0") int index, Model model) {
        if (index < 0 || index >= ReferralDraft.Consent.MAX_GIVERS) {
            return "referral/new-referral :: geen-gever";
        }
        model.addAttribute("index", index);
        model.addAttribute("giverRoles", ConsentGiverRole.values());
        return "referral/new-referral :: nieuwe-gever";
    }

    private List<CatalogueServiceView> servicesOffered(String addressee) {
        return addressee == null ? List.of() : catalogue.list(addressee, null, catalogue.today());
    }

    private ReferralDraft emptyDraft() {
        // the consent is usually given at the consultation that leads to the referral: now, to the minute
        return displayable(new ReferralDraft(null, null, new ReferralDraft.Consent(
                clock.instant().truncatedTo(ChronoUnit.MINUTES), null, null, List.of(ReferralService.INTAKE)), null,
                null, Urgency.REGULAR, null, null, LegalFramework.WMO, null));
    }

    /**
     * The draft as the form shows it: every part there, empty where it was absent, so each field has a value to show;
     * null when nothing could be bound (a field of the wrong type sent by hand), then the empty form with the errors.
     */
    private ReferralDraft displayable(ReferralDraft d) {
        if (d == null) {
            return emptyDraft();
        }
        ReferralDraft.Citizen citizen = d.citizen() == null
                ? new ReferralDraft.Citizen(null, null, null, null, null) : d.citizen();
        if (citizen.address() == null) {
            citizen = new ReferralDraft.Citizen(citizen.bsn(), citizen.name(), citizen.birthDate(),
                    new ReferralDraft.Address(null, null, null, null), citizen.phone());
        }
        ReferralDraft.Consent consent = d.consent() == null
                ? new ReferralDraft.Consent(null, null, null, List.of()) : d.consent();
        if (consent.purposes() == null) {
            consent = new ReferralDraft.Consent(consent.givenAt(), consent.form(), consent.documentReference(),
                    List.of(), consent.givenBy());
        }
        return new ReferralDraft(citizen,
                d.contactPerson() == null ? new ReferralDraft.ContactPerson(null, null, null) : d.contactPerson(),
                consent, d.requestedSupport(), d.problemAnalysis(), d.urgency(),
                d.contactPoint() == null ? new ReferralDraft.ContactPoint(null, null, null) : d.contactPoint(),
                d.addressee(), d.legalFramework(),
                d.catalogueService() == null ? new ReferralDraft.CatalogueServiceReference(null, null)
                        : d.catalogueService());
    }

    /** A refused correction as its form shows it: a part not sent at all shows the referral's own. */
    private static ReferralCorrection displayable(ReferralCorrection c, Referral referral) {
        ReferralDraft own = referral.content();
        if (c == null) {
            return new ReferralCorrection(own.citizen(), own.requestedSupport(), own.problemAnalysis(), own.urgency(),
                    own.contactPoint(), own.catalogueService());
        }
        ReferralDraft.Citizen citizen = c.citizen() == null || c.citizen().address() == null ? own.citizen() : c.citizen();
        return new ReferralCorrection(citizen, c.requestedSupport(), c.problemAnalysis(), c.urgency(),
                c.contactPoint() == null ? own.contactPoint() : c.contactPoint(), c.catalogueService());
    }

    /**
     * Shows a refused form again from {@code display} with every error of {@code errors}: the bound request may lack
     * parts (absent, or not bindable), and a form shows each field's value from the object it is bound to.
     */
    private static void shownAgain(String name, Object display, BindingResult errors, Model model) {
        BeanPropertyBindingResult shown = new BeanPropertyBindingResult(display, name);
        errors.getAllErrors().forEach(shown::addError);
        model.addAttribute(name, display);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, shown);
    }

    // ---- one referral

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/{id}")
    String referral(@PathVariable UUID id, Model model) {
        Referral referral = find(id);
        audit.read("referral", id.toString());
        show(referral, model);
        if (!model.containsAttribute("correction")) {
            ReferralDraft c = referral.content();
            model.addAttribute("correction", new ReferralCorrection(c.citizen(), c.requestedSupport(),
                    c.problemAnalysis(), c.urgency(), c.contactPoint(), c.catalogueService()));
        }
        if (!model.containsAttribute("contactPerson")) {
            model.addAttribute("contactPerson", referral.content().contactPerson() != null
                    ? referral.content().contactPerson() : new ReferralDraft.ContactPerson(null, null, null));
        }
        return "referral/referral";
    }

    /**
     * The timeline's fragment when it changed since the page's fingerprint, else 204 and nothing read or recorded: the
     * page asks every 3 s, and the processing log is no place for a record every 3 s.
     */
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/{id}/stand")
    Object timelineFragment(@PathVariable UUID id, @RequestParam(name = "versie", required = false) String version,
                            Model model) {
        find(id);
        ReferralTimeline timeline = feedback.timelineOf(id);
        if (fingerprint(timeline).equals(version)) {
            return ResponseEntity.noContent().build();
        }
        audit.read("referral", id.toString());
        model.addAttribute("id", id);
        model.addAttribute("timeline", timeline);
        model.addAttribute("milestones", milestones(timeline));
        model.addAttribute("fingerprint", fingerprint(timeline));
        return "referral/referral :: tijdlijn";
    }

    @PreAuthorize("hasRole('GP')")
    @PostMapping("/{id}/correctie")
    String correct(@PathVariable UUID id, @Validated @ModelAttribute("correction") ReferralCorrection correction,
                   BindingResult errors, Model model, RedirectAttributes redirect) {
        Referral referral = find(id);
        if (errors.hasErrors()) {
            shownAgain("correction", displayable(correction, referral), errors, model);
            return refused(referral, model, null);
        }
        try {
            service.correct(id, correction);
        } catch (InvalidRequestException e) {
            e.problems().forEach(p -> reject(errors, p));
            shownAgain("correction", displayable(correction, referral), errors, model);
            return refused(referral, model, "De correctie is niet doorgevoerd: " + describe(e.problems()));
        } catch (IllegalTransitionException | ConcurrentChangeException e) {
            return refused(referral, model, "De correctie is niet doorgevoerd: " + refusal(e, WITHDRAWN));
        }
        return done(id, redirect, "De correctie is doorgevoerd; wie een kopie heeft, krijgt een melding.");
    }

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @PostMapping("/{id}/contactpersoon")
    String changeContactPerson(@PathVariable UUID id,
                               @Validated @ModelAttribute("contactPerson") ReferralDraft.ContactPerson contactPerson,
                               BindingResult errors, Model model, RedirectAttributes redirect) {
        Referral referral = find(id);
        if (errors.hasErrors()) {
            return refused(referral, model, null);
        }
        return change(referral, model, redirect, i -> service.changeContactPerson(i, contactPerson),
                "De contactpersoon is niet gewijzigd: ", WITHDRAWN,
                "De contactpersoon is gewijzigd; wie een kopie heeft, krijgt een melding.");
    }

    @PreAuthorize("hasRole('GP')")
    @PostMapping("/{id}/intrekken")
    String withdraw(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return change(find(id), model, redirect, service::withdraw, "De verwijzing is niet ingetrokken: ", WITHDRAWN,
                "De verwijzing is ingetrokken; geen knooppunt deelt haar nog.");
    }

    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @PostMapping("/{id}/toestemming-intrekken")
    String withdrawConsent(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return change(find(id), model, redirect, service::withdrawConsent,
                "De intrekking van de toestemming is niet vastgelegd: ", "de toestemming was al ingetrokken.",
                "De intrekking van de toestemming is vastgelegd; niets van de verwijzing wordt nog gedeeld.");
    }

    /**
     * One change of the referral: done, then back to its page with {@code notice}; refused by the domain (the one
     * illegal transition the action has, or a concurrent change), the page again with the refusal and nothing changed.
     */
    private String change(Referral referral, Model model, RedirectAttributes redirect, Consumer<UUID> action,
                          String notDone, String illegal, String notice) {
        try {
            action.accept(referral.id());
        } catch (IllegalTransitionException | ConcurrentChangeException e) {
            return refused(referral, model, notDone + refusal(e, illegal));
        }
        return done(referral.id(), redirect, notice);
    }

    /** An unknown referral (or no referral id at all) is a page that says so, not the API's problem document. */
    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "referral/not-found";
    }

    private String done(UUID id, RedirectAttributes redirect, String notice) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + PATH + "/" + id;
    }

    /** The page again as it was, with the refusal on top and the form's input kept; nothing was changed. */
    private String refused(Referral referral, Model model, String problem) {
        if (problem != null) {
            model.addAttribute("problem", problem);
        }
        return referral(referral.id(), model);
    }

    private void show(Referral referral, Model model) {
        ReferralTimeline timeline = feedback.timelineOf(referral.id());
        Map<String, String> names = names();
        model.addAttribute("referral", referral);
        model.addAttribute("id", referral.id());
        model.addAttribute("addressee", names.getOrDefault(referral.addressee(), referral.addressee()));
        model.addAttribute("service", referral.content().catalogueService() == null ? null
                : catalogue.find(referral.content().catalogueService().owner(),
                        referral.content().catalogueService().serviceId()).map(CatalogueServiceView::name)
                .orElse(referral.content().catalogueService().serviceId()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("milestones", milestones(timeline));
        model.addAttribute("fingerprint", fingerprint(timeline));
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("purposes", PURPOSES);
    }

    /** A milestone as the timeline shows it: reached with its time and detail, or still to come. */
    record MilestoneLine(Milestone milestone, String label, boolean reached, Instant at, String detail) {
    }

    static List<MilestoneLine> milestones(ReferralTimeline timeline) {
        Map<Milestone, ReferralTimeline.Step> reached = timeline.steps().stream()
                .collect(Collectors.toMap(ReferralTimeline.Step::milestone, s -> s, (a, b) -> b.at().isAfter(a.at()) ? b : a));
        EnumSet<Milestone> shown = EnumSet.copyOf(EXPECTED);
        shown.addAll(reached.keySet());
        return shown.stream().map(m -> {
            ReferralTimeline.Step step = reached.get(m);
            return step == null ? new MilestoneLine(m, m.dutch(), false, null, null)
                    : new MilestoneLine(m, m.dutch(), true, step.at(), step.detail());
        }).sorted(Comparator.comparing((MilestoneLine l) -> l.at() == null ? Instant.MAX : l.at())
                .thenComparing(l -> EXPECTED.contains(l.milestone()) ? EXPECTED.indexOf(l.milestone()) : EXPECTED.size()))
                .toList();
    }

    /**
     * What the page's timeline was built from, cheaply compared: its steps (with time, detail and cited version), the
     * sources' versions, the contact point and whether feedback is shared. Holds nothing of the citizen.
     */
    static String fingerprint(ReferralTimeline timeline) {
        int hash = Objects.hash(timeline.steps().stream()
                        // by name: an enum's hash is its identity, another after a restart of the node
                        .map(s -> List.of(s.milestone().name(), s.at(), Objects.toString(s.detail()), s.sourceVersion()))
                        .toList(),
                timeline.sources().stream().map(s -> List.of(s.object(), s.version(), s.withdrawn())).toList(),
                timeline.contactPoint(), timeline.feedback());
        return timeline.steps().size() + "-" + Integer.toHexString(hash);
    }

    private Referral find(UUID id) {
        return referrals.find(id).orElseThrow(() -> new NotFoundException("no such referral"));
    }

    private Map<String, String> names() {
        return participants.all().stream().collect(Collectors.toMap(p -> p.id().urn(), Participant::name));
    }

    private static void reject(BindingResult errors, FieldProblem problem) {
        try {
            errors.rejectValue(problem.field(), "refused", problem.reason());
        } catch (RuntimeException notAField) {
            errors.reject("refused", problem.reason());
        }
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.reason()).collect(Collectors.joining("; ")) + ".";
    }

    private static final String WITHDRAWN = "de verwijzing is ingetrokken en verandert niet meer.";

    /** The domain's refusal in the practice's words: the only illegal transition of each action is named by the caller. */
    private static String refusal(RuntimeException e, String illegal) {
        if (e instanceof ConcurrentChangeException) {
            return "iemand anders heeft de verwijzing intussen gewijzigd. Bekijk haar opnieuw.";
        }
        return illegal;
    }

    /** A moment typed as the Netherlands' local date and time (datetime-local), or an ISO instant. */
    static final class LocalMomentEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (text == null || text.isBlank()) {
                setValue(null);
                return;
            }
            String trimmed = text.trim();
            try {
                setValue(LocalDateTime.parse(trimmed).atZone(NETHERLANDS).toInstant());
            } catch (DateTimeParseException notLocal) {
                setValue(Instant.parse(trimmed));
            }
        }

        @Override
        public String getAsText() {
            return getValue() instanceof Instant moment ? LOCAL_MOMENT.format(moment.atZone(NETHERLANDS)) : "";
        }
    }
}
