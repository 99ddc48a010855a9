package nl.bronsein.runtime.contactpoint;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.trust.ParticipantList;

/**
 * The contact points page: this node's own contact points, every participant's that this node knows, and the
 * participants of the network. The node's administrator publishes and changes its own here, with the same form and the
 * same validation as the staff API.
 */
@StaffScreen
@RequestMapping("/app/contactpunten")
class ContactPointScreens implements ScreenMenuEntry {

    private final ContactPointService service;
    private final ContactPointRepository contactPoints;
    private final ContactPointDirectory directory;
    private final ParticipantList participants;
    private final Clock clock;

    ContactPointScreens(ContactPointService service, ContactPointRepository contactPoints,
                        ContactPointDirectory directory, ParticipantList participants, Clock clock) {
        this.service = service;
        this.contactPoints = contactPoints;
        this.directory = directory;
        this.participants = participants;
        this.clock = clock;
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Contactpunten en deelnemers", "/app/contactpunten", Set.of(), 90);
    }

    /** An empty field is no value, as an absent JSON field is on the staff API. */
    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String page(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ContactPointForm(null, null, null, null));
        }
        model.addAttribute("own", contactPoints.findAll().stream().map(cp -> ContactPointResponse.of(cp, clock.instant())).toList());
        model.addAttribute("directory", directory.all());
        model.addAttribute("participants", participants.all());
        model.addAttribute("names", participants.all().stream().collect(java.util.stream.Collectors.toMap(
                p -> p.id().urn(), nl.bronsein.runtime.trust.Participant::name)));
        return "contactpoint/contact-points";
    }

    @PreAuthorize("hasRole('NODE_ADMIN')")
    @PostMapping
    String publish(@Validated @ModelAttribute("form") ContactPointForm form, BindingResult errors, Model model,
                   RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(model);
        }
        service.publish(form.details(), null);
        redirect.addFlashAttribute("notice", "Het contactpunt is gepubliceerd.");
        return "redirect:/app/contactpunten";
    }

    @PreAuthorize("hasRole('NODE_ADMIN')")
    @PostMapping("/{id}")
    String change(@PathVariable UUID id, @Validated @ModelAttribute("change") ContactPointForm form, BindingResult errors,
                  Model model, RedirectAttributes redirect) {
        contactPoints.find(id).orElseThrow(() -> new NotFoundException("no such contact point"));
        if (errors.hasErrors()) {
            model.addAttribute("changing", id);
            return page(model);
        }
        service.announce(id, form.details(), null);
        redirect.addFlashAttribute("notice", "De wijziging van het contactpunt is doorgegeven.");
        return "redirect:/app/contactpunten";
    }
}
