package nl.bronsein.staffclient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/**
 * The municipality's targeted questions to GP practices ({@code /api/v1/questions}, docs/api/municipality-staff.json).
 * A thread is left as JSON: {@code question}, {@code overdue} and {@code answer} (the GP's answer as pulled, null
 * until it arrived).
 */
@HttpExchange("/api/v1/questions")
public interface QuestionsApi {

    @PostExchange
    Question ask(@RequestBody Ask ask);

    @GetExchange
    List<JsonNode> list();

    @GetExchange("/{id}")
    JsonNode get(@PathVariable String id);

    @PostExchange("/{id}/withdraw")
    Question withdraw(@PathVariable String id);

    /** A question about the referral the case rests on, for a purpose its consent must cover, wanted by a day. */
    record Ask(String caseId, String purpose, String question, LocalDate answerBy) {
    }

    /** A question as the municipality's node shows it; {@code answer} names the GP's answer once pulled. */
    record Question(String id, int version, String status, String caseId, String referralOwner, String referralId,
                    String purpose, String question, LocalDate answerBy, Instant askedAt, JsonNode answer,
                    Instant settledAt, Instant withdrawnAt) {
    }
}
