package nl.bronsein.municipality.question;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.QuestionStatus;

@Repository
public class QuestionRepository {

    private final JdbcClient jdbc;

    public QuestionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Question q, Instant at) {
        jdbc.sql("""
                        insert into question (id, version, status, case_id, referral_owner, referral_id, purpose, question,
                            answer_by, asked_at, updated_at)
                        values (:id, :version, :status, :caseId, :owner, :referralId, :purpose, :question, :answerBy,
                            :askedAt, :at)""")
                .param("id", q.id()).param("version", q.version()).param("status", q.status().name())
                .param("caseId", q.caseId()).param("owner", q.referralOwner()).param("referralId", q.referralId())
                .param("purpose", q.purpose()).param("question", q.question()).param("answerBy", q.answerBy())
                .param("askedAt", Timestamp.from(q.askedAt())).param("at", Timestamp.from(at))
                .update();
    }

    /** Optimistic: the update only lands on the version that was read. */
    boolean update(Question q, int expectedVersion, Instant at) {
        return jdbc.sql("""
                        update question set version = :version, status = :status, answer_owner = :answerOwner,
                            answer_id = :answerId, settled_at = :settledAt, withdrawn_at = :withdrawnAt, updated_at = :at
                        where id = :id and version = :expected""")
                .param("id", q.id()).param("version", q.version()).param("status", q.status().name())
                .param("answerOwner", q.answer() == null ? null : q.answer().owner())
                .param("answerId", q.answer() == null ? null : q.answer().objectId())
                .param("settledAt", timestamp(q.settledAt())).param("withdrawnAt", timestamp(q.withdrawnAt()))
                .param("at", Timestamp.from(at)).param("expected", expectedVersion)
                .update() == 1;
    }

    public Optional<Question> find(UUID id) {
        return jdbc.sql("select * from question where id = :id").param("id", id).query(QuestionRepository::map).optional();
    }

    public List<Question> findAll() {
        return jdbc.sql("select * from question order by asked_at desc, id").query(QuestionRepository::map).list();
    }

    private static Question map(ResultSet rs, int row) throws SQLException {
        String answerOwner = rs.getString("answer_owner");
        return new Question(rs.getObject("id", UUID.class), rs.getInt("version"),
                QuestionStatus.valueOf(rs.getString("status")), rs.getObject("case_id", UUID.class),
                rs.getString("referral_owner"), rs.getString("referral_id"), rs.getString("purpose"),
                rs.getString("question"), rs.getObject("answer_by", java.time.LocalDate.class),
                instant(rs, "asked_at"),
                answerOwner == null ? null
                        : new ObjectReferenceView(answerOwner, SharedObjectType.ANSWER.code(), rs.getString("answer_id")),
                instant(rs, "settled_at"), instant(rs, "withdrawn_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
