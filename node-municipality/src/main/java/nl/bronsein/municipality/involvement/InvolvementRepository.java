package nl.bronsein.municipality.involvement;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.InvolvementStatus;

@Repository
public class InvolvementRepository {

    private final JdbcClient jdbc;

    public InvolvementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Involvement involvement, Instant at) {
        bind(jdbc.sql("""
                insert into involvement (id, version, status, bsn, citizen_name, birth_date, since_date, until_date,
                    contact_point_id, gp_practice, consent_given_at, consent_form, consent_purposes, consent_status,
                    consent_withdrawn_at, started_at, ended_at, updated_at)
                values (:id, :version, :status, :bsn, :name, :birthDate, :since, :until, :contactPointId, :gpPractice,
                    :givenAt, :form, :purposes, :consentStatus, :withdrawnAt, :startedAt, :endedAt, :at)"""),
                involvement, at).update();
    }

    /** Optimistic: the update only lands on the version that was read, so concurrent steps cannot both succeed. */
    boolean update(Involvement involvement, int expectedVersion, Instant at) {
        return bind(jdbc.sql("""
                update involvement set version = :version, status = :status, bsn = :bsn, citizen_name = :name,
                    birth_date = :birthDate, since_date = :since, until_date = :until,
                    contact_point_id = :contactPointId, gp_practice = :gpPractice, consent_given_at = :givenAt,
                    consent_form = :form, consent_purposes = :purposes, consent_status = :consentStatus,
                    consent_withdrawn_at = :withdrawnAt, started_at = :startedAt, ended_at = :endedAt,
                    updated_at = :at
                where id = :id and version = :expected"""), involvement, at)
                .param("expected", expectedVersion).update() == 1;
    }

    public Optional<Involvement> find(UUID id) {
        return jdbc.sql("select * from involvement where id = :id").param("id", id)
                .query(InvolvementRepository::map).optional();
    }

    public List<Involvement> findAll() {
        return jdbc.sql("select * from involvement order by started_at desc, id").query(InvolvementRepository::map)
                .list();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Involvement i, Instant at) {
        Involvement.Details d = i.details();
        Involvement.Consent c = i.consent();
        return sql.param("id", i.id()).param("version", i.version()).param("status", i.status().name())
                .param("bsn", d.citizen().bsn()).param("name", d.citizen().name())
                .param("birthDate", Date.valueOf(d.citizen().birthDate())).param("since", Date.valueOf(d.since()))
                .param("until", d.until() == null ? null : Date.valueOf(d.until()))
                .param("contactPointId", d.contactPointId()).param("gpPractice", d.gpPractice())
                .param("givenAt", Timestamp.from(c.givenAt())).param("form", c.form())
                .param("purposes", String.join(",", c.purposes())).param("consentStatus", c.status().name())
                .param("withdrawnAt", timestamp(c.withdrawnAt())).param("startedAt", Timestamp.from(i.startedAt()))
                .param("endedAt", timestamp(i.endedAt())).param("at", Timestamp.from(at));
    }

    private static Involvement map(ResultSet rs, int row) throws SQLException {
        Date until = rs.getDate("until_date");
        return new Involvement(rs.getObject("id", UUID.class), rs.getInt("version"),
                InvolvementStatus.valueOf(rs.getString("status")),
                new Involvement.Details(new Involvement.Citizen(rs.getString("bsn"), rs.getString("citizen_name"),
                        rs.getDate("birth_date").toLocalDate()), rs.getDate("since_date").toLocalDate(),
                        until == null ? null : until.toLocalDate(), rs.getObject("contact_point_id", UUID.class),
                        rs.getString("gp_practice")),
                new Involvement.Consent(instant(rs, "consent_given_at"), rs.getString("consent_form"),
                        Arrays.asList(rs.getString("consent_purposes").split(",")),
                        ConsentStatus.valueOf(rs.getString("consent_status")), instant(rs, "consent_withdrawn_at")),
                instant(rs, "started_at"), instant(rs, "ended_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
