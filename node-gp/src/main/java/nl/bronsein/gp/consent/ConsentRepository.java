package nl.bronsein.gp.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ConsentStatus;

@Repository
public class ConsentRepository {

    private final JdbcClient jdbc;

    public ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ConsentRecord consent, Instant recordedAt) {
        jdbc.sql("""
                        insert into consent_record (id, given_at, form, document_reference, purposes, status, withdrawn_at, recorded_at)
                        values (:id, :givenAt, :form, :documentReference, :purposes, :status, :withdrawnAt, :recordedAt)""")
                .param("id", consent.id())
                .param("givenAt", Timestamp.from(consent.givenAt()))
                .param("form", consent.form().name())
                .param("documentReference", consent.documentReference())
                .param("purposes", String.join(",", consent.purposes()))
                .param("status", consent.status().name())
                .param("withdrawnAt", consent.withdrawnAt() == null ? null : Timestamp.from(consent.withdrawnAt()))
                .param("recordedAt", Timestamp.from(recordedAt))
                .update();
    }

    public void markWithdrawn(ConsentRecord consent) {
        jdbc.sql("update consent_record set status = :status, withdrawn_at = :at where id = :id")
                .param("id", consent.id()).param("status", consent.status().name())
                .param("at", Timestamp.from(consent.withdrawnAt()))
                .update();
    }

    public Optional<ConsentRecord> find(UUID id) {
        return jdbc.sql("select * from consent_record where id = :id").param("id", id)
                .query((rs, n) -> {
                    Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
                    return new ConsentRecord(rs.getObject("id", UUID.class), rs.getTimestamp("given_at").toInstant(),
                            ConsentForm.valueOf(rs.getString("form")), rs.getString("document_reference"),
                            Arrays.asList(rs.getString("purposes").split(",")),
                            ConsentStatus.valueOf(rs.getString("status")),
                            withdrawn == null ? null : withdrawn.toInstant());
                })
                .optional();
    }
}
