package nl.bronsein.municipality.question;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.bronsein.runtime.copy.PulledCopies;
import nl.bronsein.runtime.copy.PulledCopy;
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.staff.StaffAudit;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.AnswerView;

/**
 * The municipality's targeted questions to GP practices: ask one about a case's referral, follow the thread (the
 * question and the practice's answer as pulled), withdraw it while open. Asking is the intake officer's and the
 * wijkteam's task: both work a case and may need a fact only the GP has.
 */
@Tag(name = "Questions", description = "Targeted questions (gerichte vragen) to the GP practice whose referral a "
        + "case rests on, with the practice's answer or refusal.")
@RestController
@RequestMapping("/api/v1/questions")
public class QuestionController {

    private final QuestionService service;
    private final QuestionRepository questions;
    private final PulledCopies copies;
    private final StaffAudit audit;

    public QuestionController(QuestionService service, QuestionRepository questions, PulledCopies copies,
                              StaffAudit audit) {
        this.service = service;
        this.questions = questions;
        this.copies = copies;
        this.audit = audit;
    }

    /**
     * @param purpose  the purpose the answer is for, as consent names purposes (e.g. {@code care-coordination}); at most
     *                 as long as a purpose a consent can hold (29 characters, at the GP and in an involvement's
     *                 consent), since a longer one no consent could cover and the practice could only refuse it
     * @param answerBy the day the answer is wanted by; today or later
     */
    public record Ask(@NotNull UUID caseId,
                      @NotBlank @Size(max = 29) @Pattern(regexp = "[a-z]+(-[a-z]+)*",
                              message = "is a purpose in lower case words joined by '-'") String purpose,
                      @NotBlank @Size(max = 2000) String question, @NotNull LocalDate answerBy) {
    }

    /**
     * A question with the GP's answer as pulled (null until it arrived), and whether it is overdue now: open after its
     * answer-by day.
     */
    public record QuestionThread(Question question, boolean overdue, PulledCopy<AnswerView> answer) {
    }

    @Operation(summary = "Ask the GP a question", description = "About the referral the case rests on, for a purpose "
            + "the citizen's consent must cover; the GP practice answers or refuses.")
    // a case whose referral or consent was withdrawn is asked nothing more: the conventions see no object named in the
    // path, so they cannot know this refusal; declaring a response drops the one springdoc derives, so 200 is named too,
    // as springdoc would have
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Question.class)))
    @ApiResponse(responseCode = "409", ref = "Conflict")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @PostMapping
    public Question ask(@Validated @RequestBody Ask request) {
        return service.ask(request.caseId(), request.purpose(), request.question(), request.answerBy());
    }

    @Operation(summary = "List the questions, each with its answer")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping
    public List<QuestionThread> list() {
        Instant now = service.now();
        return questions.findAll().stream().map(q -> thread(q, now)).toList();
    }

    @Operation(summary = "Get a question with its answer")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @GetMapping("/{id}")
    public QuestionThread get(@PathVariable UUID id) {
        Question q = questions.find(id).orElseThrow(() -> new NotFoundException("no such question"));
        audit.read("question", id.toString());
        return thread(q, service.now());
    }

    @Operation(summary = "Withdraw an open question")
    @PreAuthorize("hasAnyRole('INTAKE_OFFICER', 'WIJKTEAM_MEMBER')")
    @PostMapping("/{id}/withdraw")
    public Question withdraw(@PathVariable UUID id) {
        return service.withdraw(id);
    }

    private QuestionThread thread(Question q, Instant now) {
        PulledCopy<AnswerView> answer = q.answer() == null ? null : copies.find(q.answer().owner(),
                SharedObjectType.ANSWER, q.answer().objectId(), AnswerView.class).orElse(null);
        return new QuestionThread(q, q.overdueAt(now), answer);
    }
}
