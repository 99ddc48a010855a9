package nl.bronsein.gp.question;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A municipality's question the practice pulled: whose, about which of our referrals, wanted by which day. */
public record IncomingQuestion(String id, String owner, UUID referralId, LocalDate answerBy, Instant receivedAt) {
}
