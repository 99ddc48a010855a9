package nl.bronsein.gp.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ConsentGiverRole;
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
        for (int i = 0; i < consent.givenBy().size(); i++) {
            ConsentGiver giver = consent.givenBy().get(i);
            jdbc.sql("insert into consent_giver (consent_id, position, role, name) values (:consent, :position, :role, :name)")
                    .param("consent", consent.id()).param("position", i).param("role", giver.role().name())
                    .param("name", giver.name())
                    .update();
        }
    }

    public void markWithdrawn(ConsentRecord consent) {
        jdbc.sql("update consent_record set status = :status, withdrawn_at = :at where id = :id")
                .param("id", consent.id()).param("status", consent.status().name())
                .param("at", Timestamp.from(consent.withdrawnAt()))
                .update();
    }

    /** Who gave it is read after the record's own query has closed, for the reason {@code ReferralRepository} gives. */
    public Optional<ConsentRecord> find(UUID id) {
        return jdbc.sql("select * from consent_record where id = :id").param("id", id)
                .query((rs, n) -> {
                    Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
                    return new ConsentRecord(rs.getObject("id", UUID.class), rs.getTimestamp("given_at").toInstant(),
                            ConsentForm.valueOf(rs.getString("form")), rs.getString("document_reference"),
                            Arrays.asList(rs.getString("purposes").split(",")), List.of(),
                            ConsentStatus.valueOf(rs.getString("status")),
                            withdrawn == null ? null : withdrawn.toInstant());
                })
                .optional()
                .map(consent -> new ConsentRecord(consent.id(), consent.givenAt(), consent.form(),
                        consent.documentReference(), consent.purposes(), giversOf(consent.id()), consent.status(),
                        consent.withdrawnAt()));
    }

    /** A consent recorded before the age rules has no giver rows: the citizen gave it, as the practice recorded then. */
    private List<ConsentGiver> giversOf(UUID consent) {
        List<ConsentGiver> givers = jdbc.sql("select role, name from consent_giver where consent_id = :consent order by position")
                .param("consent", consent)
                .query((rs, n) -> new ConsentGiver(ConsentGiverRole.valueOf(rs.getString("role")), rs.getString("name")))
                .list();
        return givers.isEmpty() ? List.of(ConsentGiver.citizen()) : givers;
    }
}
