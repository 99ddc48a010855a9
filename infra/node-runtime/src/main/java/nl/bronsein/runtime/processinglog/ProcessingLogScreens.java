package nl.bronsein.runtime.processinglog;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.domain.Bsn;
import nl.bronsein.runtime.domain.FieldProblem;
import nl.bronsein.runtime.domain.InvalidRequestException;
import nl.bronsein.runtime.screen.ScreenMenuEntry;
import nl.bronsein.runtime.screen.ScreenSection;
import nl.bronsein.runtime.screen.ScreenTime;
import nl.bronsein.runtime.screen.StaffScreen;
import nl.bronsein.runtime.staff.StaffRole;
import nl.bronsein.runtime.trust.ParticipantList;

/**
 * The privacy officer's page of the processing log: the same search and export as the staff API
 * ({@link ProcessingLogReading}), each read recorded. Criteria are posted, never put in an address: a BSN in a URL stays
 * in the browser's history and the access log.
 */
@StaffScreen
@RequestMapping("/app/verwerkingslog")
class ProcessingLogScreens implements ScreenMenuEntry {

    private final ProcessingLogReading reading;
    private final ParticipantList participants;
    private final ScreenTime time;

    ProcessingLogScreens(ProcessingLogReading reading, ParticipantList participants, ScreenTime time) {
        this.reading = reading;
        this.participants = participants;
        this.time = time;
    }

    /**
     * What the officer fills in: days in the Netherlands' time, the last one included.
     *
     * @param page which page, from 0
     */
    record ProcessingLogForm(@Bsn String bsn, @Size(max = 200) String party, @Size(max = 200) String purpose,
                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @Min(0) @Max(ProcessingLogSearch.MAX_PAGE) Integer page) {
    }

    @Override
    public ScreenSection section() {
        return new ScreenSection("Verwerkingslog", "/app/verwerkingslog", Set.of(StaffRole.PRIVACY_OFFICER), 85);
    }

    @InitBinder
    void emptyIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @GetMapping
    String page(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ProcessingLogForm(null, null, null, null, null, 0));
        }
        model.addAttribute("participants", participants.all());
        return "processinglog/processing-log";
    }

    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @PostMapping
    String search(@Validated @ModelAttribute("form") ProcessingLogForm form, BindingResult errors, Model model) {
        Instant from = form.from() == null ? null : time.startOf(form.from());
        Instant to = form.to() == null ? null : time.startOf(form.to().plusDays(1));
        if (!errors.hasErrors() && form.from() != null && form.to() != null && form.to().isBefore(form.from())) {
            errors.rejectValue("to", "NotBeforeFrom", "moet op of na de eerste dag liggen");
        }
        if (!errors.hasErrors() && !ProcessingLogReading.problems(from, to).isEmpty()) {
            errors.reject("OutOfRange", "Deze periode valt buiten het verwerkingslog.");
        }
        if (!errors.hasErrors()) {
            model.addAttribute("found", reading.search(new ProcessingLogSearch(form.bsn(), form.party(), form.purpose(),
                    from, to, form.page() == null ? 0 : form.page(), null)));
        }
        return page(model);
    }

    /** The days to export, as the page's export form posts them. */
    record ExportForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    }

    /**
     * The export of the days chosen, as the staff API gives it: JSON lines with the hash chain's proof, as a file. The
     * form's date fields give no wrong value; a request that does anyway gets the API's problem+json and no export.
     */
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    @PostMapping("/export")
    void export(@ModelAttribute ExportForm form, BindingResult errors, HttpServletResponse response) throws IOException {
        if (errors.hasErrors()) {
            throw new InvalidRequestException(errors.getFieldErrors().stream()
                    .map(error -> new FieldProblem(error.getField(), "must be a date (yyyy-mm-dd)")).toList());
        }
        Instant from = form.from() == null ? null : time.startOf(form.from());
        Instant to = form.to() == null ? null : time.startOf(form.to().plusDays(1));
        ProcessingLogReading.requireReadable(from, to);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(ProcessingLogController.NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"verwerkingslog.jsonl\"");
        reading.export(from, to, response.getOutputStream());
    }
}
