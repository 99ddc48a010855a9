package nl.bronsein.gp.question;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.runtime.rebuild.DerivedState;
import nl.bronsein.schemas.view.AnswerStatus;

/**
 * The questions the practice pulled, and its answers to them. The questions are derived state — what the
 * municipalities told us, rebuilt from their notifications and pulls — except those the practice answered or refused:
 * its own answer, part of its record, rests on them, so a rebuild keeps them and the replayed question finds its note.
 */
@Repository
public class Answers implements DerivedState {

    private final JdbcClient jdbc;

    public Answers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget() {
        jdbc.sql("delete from incoming_question where question_id not in (select question_id from answer)").update();
    }

    /** Notes a pulled question once; a question pulled again keeps its first note. */
    void noteQuestion(IncomingQuestion q) {
        if (findQuestion(q.id()).isPresent()) {
            return;
        }
        jdbc.sql("""
                        insert into incoming_question (question_id, question_owner, referral_id, answer_by, received_at)
                        values (:id, :owner, :referralId, :answerBy, :receivedAt)""")
                .param("id", q.id()).param("owner", q.owner()).param("referralId", q.referralId())
                .param("answerBy", q.answerBy()).param("receivedAt", Timestamp.from(q.receivedAt()))
                .update();
    }

    public Optional<IncomingQuestion> findQuestion(String id) {
        return jdbc.sql("select * from incoming_question where question_id = :id").param("id", id)
                .query(Answers::question).optional();
    }

    public List<IncomingQuestion> questions() {
        return jdbc.sql("select * from incoming_question order by received_at desc, question_id")
                .query(Answers::question).list();
    }

    void insert(Answer a) {
        jdbc.sql("""
                        insert into answer (id, version, status, question_owner, question_id, referral_id, purpose, answer,
                            refusal_reason, answered_at)
                        values (:id, :version, :status, :owner, :questionId, :referralId, :purpose, :answer, :reason, :at)""")
                .param("id", a.id()).param("version", a.version()).param("status", a.status().name())
                .param("owner", a.questionOwner()).param("questionId", a.questionId())
                .param("referralId", a.referralId()).param("purpose", a.purpose()).param("answer", a.answer())
                .param("reason", a.refusalReason()).param("at", Timestamp.from(a.answeredAt()))
                .update();
    }

    public Optional<Answer> find(UUID id) {
        return jdbc.sql("select * from answer where id = :id").param("id", id).query(Answers::answer).optional();
    }

    public Optional<Answer> forQuestion(String questionId) {
        return jdbc.sql("select * from answer where question_id = :id").param("id", questionId)
                .query(Answers::answer).optional();
    }

    private static IncomingQuestion question(ResultSet rs, int row) throws SQLException {
        return new IncomingQuestion(rs.getString("question_id"), rs.getString("question_owner"),
                rs.getObject("referral_id", UUID.class), rs.getObject("answer_by", LocalDate.class),
                rs.getTimestamp("received_at").toInstant());
    }

    private static Answer answer(ResultSet rs, int row) throws SQLException {
        return new Answer(rs.getObject("id", UUID.class), rs.getInt("version"),
                AnswerStatus.valueOf(rs.getString("status")), rs.getString("question_owner"),
                rs.getString("question_id"), rs.getObject("referral_id", UUID.class), rs.getString("purpose"),
                rs.getString("answer"), rs.getString("refusal_reason"), rs.getTimestamp("answered_at").toInstant());
    }
}
