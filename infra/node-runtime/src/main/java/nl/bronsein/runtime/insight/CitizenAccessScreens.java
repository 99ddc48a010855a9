package nl.bronsein.runtime.insight;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.validation.constraints.NotBlank;
import nl.bronsein.runtime.domain.Bsn;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.StaffScreen;

/**
 * The citizen's access report at the desk: a GP practice's assistant or a municipality's intake officer, with the
 * citizen in front of them, asks who accessed the citizen's data across the network. The BSN is posted and the report is
 * the answer to that post, never a redirect: a BSN in an address would stay in the browser's history.
 */
@StaffScreen
@RequestMapping("/app/inzage")
class CitizenAccessScreens implements ScreenMenuEntry {

    private final CitizenInsight insight;
    private final CitizenDesk desk;

    CitizenAccessScreens(CitizenInsight insight, CitizenDesk desk) {
        this.insight = insight;
        this.desk = desk;
    }

    /** @param bsn as the desk read it from the citizen's identity document */
    record CitizenAccessForm(@NotBlank @Bsn String bsn) {
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Inzage voor een burger", "/app/inzage", desk.roles(), 80);
    }

    @Override
    public boolean offered() {
        return !desk.roles().isEmpty();
    }

    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @GetMapping
    String page(Model model, Authentication who) {
        requireDesk(who);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new CitizenAccessForm(null));
        }
        return "insight/citizen-access";
    }

    @PostMapping
    String report(@Validated @ModelAttribute("form") CitizenAccessForm form, BindingResult errors, Model model,
                  Authentication who) {
        requireDesk(who);
        if (!errors.hasErrors()) {
            model.addAttribute("report", insight.reportFor(form.bsn()));
        }
        return "insight/citizen-access";
    }

    private void requireDesk(Authentication who) {
        if (!desk.serves(who)) {
            throw new AccessDeniedException("not this node's desk for citizens' questions");
        }
    }
}
