package nl.bronsein.gp.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import nl.bronsein.gp.consent.ConsentRecord;
import nl.bronsein.gp.consent.ConsentRepository;
import nl.bronsein.schemas.view.LegalFramework;
import nl.bronsein.schemas.view.ReferralStatus;

@Repository
public class ReferralRepository {

    private final JdbcClient jdbc;
    private final ConsentRepository consents;

    public ReferralRepository(JdbcClient jdbc, ConsentRepository consents) {
        this.jdbc = jdbc;
        this.consents = consents;
    }

    public void insert(Referral referral) {
        bind(jdbc.sql("""
                insert into referral (id, version, status, addressee, recorded_at, updated_at, withdrawn_at, citizen_bsn,
                    citizen_name, citizen_birth_date, address_street, address_house_number, address_postal_code,
                    address_city, citizen_phone, contact_person_name, contact_person_relation, contact_person_phone,
                    requested_support, problem_analysis, urgency, contact_point_name, contact_point_phone,
                    contact_point_email, consent_id, legal_framework, catalogue_service_owner, catalogue_service_id)
                values (:id, :version, :status, :addressee, :recordedAt, :updatedAt, :withdrawnAt, :bsn, :name, :birthDate,
                    :street, :houseNumber, :postalCode, :city, :phone, :personName, :personRelation, :personPhone,
                    :requestedSupport, :problemAnalysis, :urgency, :cpName, :cpPhone, :cpEmail, :consentId,
                    :legalFramework, :serviceOwner, :serviceId)"""),
                referral, referral.recordedAt()).update();
    }

    /** Optimistic: the update only lands on the version that was read, so two changes cannot both succeed. */
    public boolean update(Referral referral, int expectedVersion, Instant at) {
        return bind(jdbc.sql("""
                update referral set version = :version, status = :status, addressee = :addressee, updated_at = :updatedAt,
                    withdrawn_at = :withdrawnAt, citizen_bsn = :bsn, citizen_name = :name, citizen_birth_date = :birthDate,
                    address_street = :street, address_house_number = :houseNumber, address_postal_code = :postalCode,
                    address_city = :city, citizen_phone = :phone, contact_person_name = :personName,
                    contact_person_relation = :personRelation, contact_person_phone = :personPhone,
                    requested_support = :requestedSupport, problem_analysis = :problemAnalysis, urgency = :urgency,
                    contact_point_name = :cpName, contact_point_phone = :cpPhone, contact_point_email = :cpEmail,
                    consent_id = :consentId, legal_framework = :legalFramework, catalogue_service_owner = :serviceOwner,
                    catalogue_service_id = :serviceId
                where id = :id and version = :expected"""), referral, at)
                .param("expected", expectedVersion).update() == 1;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Referral referral, Instant at) {
        ReferralDraft d = referral.content();
        ReferralDraft.ContactPerson person = d.contactPerson();
        return statement
                .param("id", referral.id())
                .param("version", referral.version())
                .param("status", referral.status().name())
                .param("addressee", d.addressee())
                .param("recordedAt", Timestamp.from(referral.recordedAt()))
                .param("updatedAt", Timestamp.from(at))
                .param("withdrawnAt", referral.withdrawnAt() == null ? null : Timestamp.from(referral.withdrawnAt()))
                .param("bsn", d.citizen().bsn())
                .param("name", d.citizen().name())
                .param("birthDate", d.citizen().birthDate())
                .param("street", d.citizen().address().street())
                .param("houseNumber", d.citizen().address().houseNumber())
                .param("postalCode", d.citizen().address().postalCode())
                .param("city", d.citizen().address().city())
                .param("phone", d.citizen().phone())
                .param("personName", person == null ? null : person.name())
                .param("personRelation", person == null ? null : person.relation())
                .param("personPhone", person == null ? null : person.phone())
                .param("requestedSupport", d.requestedSupport())
                .param("problemAnalysis", d.problemAnalysis())
                .param("urgency", d.urgency().name())
                .param("cpName", d.contactPoint().name())
                .param("cpPhone", d.contactPoint().phone())
                .param("cpEmail", d.contactPoint().email())
                .param("consentId", referral.consent().id())
                .param("legalFramework", d.legalFramework().name())
                .param("serviceOwner", d.catalogueService() == null ? null : d.catalogueService().owner())
                .param("serviceId", d.catalogueService() == null ? null : d.catalogueService().serviceId());
    }

    public Optional<Referral> find(UUID id) {
        return jdbc.sql("select * from referral where id = :id").param("id", id).query(ReferralRepository::map).optional()
                .map(this::withConsent);
    }

    public List<Referral> findAll() {
        return jdbc.sql("select * from referral order by recorded_at desc, id").query(ReferralRepository::map).list()
                .stream().map(this::withConsent).toList();
    }

    /**
     * The consent is read after the referral's query has closed: read while its rows were being mapped, outside a
     * transaction, it took a second connection from the pool while the first was still held, and ten concurrent reads
     * (a staff client's answer after recording, a pull) held the whole pool and waited for each other until the pool
     * timed out (found by the benchmark's 16 staff clients).
     */
    private Referral withConsent(Stored stored) {
        ConsentRecord consent = consents.find(stored.consentId())
                .orElseThrow(() -> new IllegalStateException("referral without its consent record"));
        return stored.with(consent);
    }

    /** A referral row as read, before its consent record is joined to it. */
    private record Stored(UUID consentId, java.util.function.Function<ConsentRecord, Referral> completion) {

        Referral with(ConsentRecord consent) {
            return completion.apply(consent);
        }
    }

    public long count() {
        return jdbc.sql("select count(*) from referral").query(Long.class).single();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        String personName = rs.getString("contact_person_name");
        ReferralDraft.ContactPerson person = personName == null ? null : new ReferralDraft.ContactPerson(personName,
                rs.getString("contact_person_relation"), rs.getString("contact_person_phone"));
        UUID consentId = rs.getObject("consent_id", UUID.class);
        ReferralDraft.Citizen citizen = new ReferralDraft.Citizen(rs.getString("citizen_bsn"), rs.getString("citizen_name"),
                rs.getObject("citizen_birth_date", java.time.LocalDate.class),
                new ReferralDraft.Address(rs.getString("address_street"), rs.getString("address_house_number"),
                        rs.getString("address_postal_code"), rs.getString("address_city")),
                rs.getString("citizen_phone"));
        String requestedSupport = rs.getString("requested_support");
        String problemAnalysis = rs.getString("problem_analysis");
        Urgency urgency = Urgency.valueOf(rs.getString("urgency"));
        ReferralDraft.ContactPoint contactPoint = new ReferralDraft.ContactPoint(rs.getString("contact_point_name"),
                rs.getString("contact_point_phone"), rs.getString("contact_point_email"));
        String addressee = rs.getString("addressee");
        String serviceOwner = rs.getString("catalogue_service_owner");
        ReferralDraft.CatalogueServiceReference service = serviceOwner == null ? null
                : new ReferralDraft.CatalogueServiceReference(serviceOwner, rs.getString("catalogue_service_id"));
        UUID id = rs.getObject("id", UUID.class);
        int version = rs.getInt("version");
        ReferralStatus status = ReferralStatus.valueOf(rs.getString("status"));
        Instant recordedAt = rs.getTimestamp("recorded_at").toInstant();
        Timestamp withdrawnAt = rs.getTimestamp("withdrawn_at");
        LegalFramework legalFramework = LegalFramework.valueOf(rs.getString("legal_framework"));
        return new Stored(consentId, consent -> new Referral(id, version, status, recordedAt,
                new ReferralDraft(citizen, person, new ReferralDraft.Consent(consent.givenAt(), consent.form(),
                        consent.documentReference(), consent.purposes(), consent.givenBy()), requestedSupport,
                        problemAnalysis, urgency, contactPoint, addressee, legalFramework, service),
                consent, withdrawnAt == null ? null : withdrawnAt.toInstant()));
    }
}
