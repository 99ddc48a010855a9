package nl.bronsein.staffclient;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/**
 * The questions municipalities asked a GP practice, with its answers ({@code /api/v1/questions}, docs/api/gp-staff.json).
 * A thread is left as JSON: {@code question} (as pulled), {@code referralId}, {@code withinConsent}, {@code overdue}
 * and {@code answer}.
 */
@HttpExchange("/api/v1/questions")
public interface IncomingQuestionsApi {

    @GetExchange
    List<JsonNode> list();

    @GetExchange("/{questionId}")
    JsonNode get(@PathVariable String questionId);

    @PostExchange("/{questionId}/answer")
    Answer answer(@PathVariable String questionId, @RequestBody AnswerRequest answer);

    @PostExchange("/{questionId}/refuse")
    Answer refuse(@PathVariable String questionId, @RequestBody Refusal refusal);

    record AnswerRequest(String answer) {
    }

    record Refusal(String reason) {
    }

    /** The practice's answer (status ANSWERED, with {@code answer}) or refusal (REFUSED, with {@code refusalReason}). */
    record Answer(String id, int version, String status, String questionOwner, String questionId, String referralId,
                  String purpose, String answer, String refusalReason, Instant answeredAt) {
    }
}
