package nl.bronsein.gp.question;

import java.util.List;

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
import nl.bronsein.runtime.domain.NotFoundException;
import nl.bronsein.runtime.staff.StaffAudit;

/**
 * Municipalities' targeted questions to the practice, with the practice's answers. Reading them is the huisarts's and
 * the assistant's (they follow what happens to a referral); answering or refusing is the huisarts's, who judges what
 * the record may tell for the purpose asked.
 */
@Tag(name = "Questions", description = "Targeted questions (gerichte vragen) municipalities ask about the practice's "
        + "referrals: answer within the citizen's consent, or refuse with a reason.")
@RestController
@RequestMapping("/api/v1/questions")
public class QuestionController {

    private final AnswerService service;
    private final Answers answers;
    private final StaffAudit audit;

    public QuestionController(AnswerService service, Answers answers, StaffAudit audit) {
        this.service = service;
        this.answers = answers;
        this.audit = audit;
    }

    public record AnswerRequest(@NotBlank @Size(max = 4000) String answer) {
    }

    public record Refusal(@NotBlank @Size(max = 1000) String reason) {
    }

    @Operation(summary = "List the questions municipalities asked, each with the practice's answer")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping
    public List<AnswerService.QuestionThread> list() {
        return answers.questions().stream().flatMap(q -> service.thread(q.id()).stream()).toList();
    }

    @Operation(summary = "Get a question with the practice's answer", description = "With whether the citizen's consent "
            + "covers the question's purpose (if not, it can only be refused) and whether it is overdue.")
    @PreAuthorize("hasAnyRole('GP', 'PRACTICE_ASSISTANT')")
    @GetMapping("/{questionId}")
    public AnswerService.QuestionThread get(@PathVariable String questionId) {
        AnswerService.QuestionThread thread = service.thread(questionId)
                .orElseThrow(() -> new NotFoundException("no such question"));
        audit.read("question", questionId);
        return thread;
    }

    @Operation(summary = "Answer a question", description = "Facts, for the purpose the question states; refused (409) "
            + "when the citizen's consent does not cover it.")
    @PreAuthorize("hasRole('GP')")
    @PostMapping("/{questionId}/answer")
    public Answer answer(@PathVariable String questionId, @Validated @RequestBody AnswerRequest request) {
        return service.answer(questionId, request.answer());
    }

    @Operation(summary = "Refuse a question, with the reason")
    @PreAuthorize("hasRole('GP')")
    @PostMapping("/{questionId}/refuse")
    public Answer refuse(@PathVariable String questionId, @Validated @RequestBody Refusal request) {
        return service.refuse(questionId, request.reason());
    }
}
