package nl.bronsein.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import nl.bronsein.gp.referral.ReferralDraft;
import nl.bronsein.runtime.RuntimeSchemaMigration;
import nl.bronsein.schemas.view.ConsentStatus;
import nl.bronsein.schemas.view.ReferralStatus;

/**
 * The floor under the throughput figure: the statements one recorded referral commits — its consent record, the
 * referral row, the next number of the source's sequence and the outbox row — with plain JDBC on a database of the
 * same kind, migrated by the node's own migrations, one connection per client, one commit per change. No HTTP, no
 * token, no JSON, no pool, no relay. The SQL follows ConsentRepository, ReferralRepository and OutboxRepository.
 */
final class RawJdbc {

    private static final String SOURCE = Member.GP.urn;

    /** The outbox row the node wrote for a referral, so the plain one has the same topic, type and sizes. */
    record OutboxSample(String topic, String eventType, String objectType, String datarefPrefix, byte[] body) {

        static OutboxSample of(JdbcClient gp) {
            return gp.sql("select topic, event_type, object_type, dataref, body from outbox_entry "
                            + "order by source_sequence fetch first 1 rows only")
                    .query((rs, n) -> {
                        String dataref = rs.getString("dataref");
                        return new OutboxSample(rs.getString("topic"), rs.getString("event_type"),
                                rs.getString("object_type"), dataref.substring(0, dataref.lastIndexOf('/') + 1),
                                rs.getBytes("body"));
                    })
                    .single();
        }
    }

    private RawJdbc() {
    }

    /** The node's schema, and the source's sequence row as the node leaves it after its first change. */
    static void prepare(JdbcTarget database) {
        new RuntimeSchemaMigration().migrate(Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/gp").load());
        database.jdbc().sql("insert into source_sequence (source, last_value) values (:source, 0)")
                .param("source", SOURCE).update();
    }

    static ClosedLoop.Result measure(JdbcTarget database, ReferralDraft referral, OutboxSample sample, int clients,
                                     long changes) {
        return ClosedLoop.run(clients, changes, false, n -> new Writer(database, referral, sample));
    }

    /** One client: its own connection and statements, prepared once. */
    private static final class Writer implements ClosedLoop.Client {

        private final OutboxSample sample;
        private final Object[] consentValues;
        private final Object[] referralValues;
        private final Connection connection;
        private final PreparedStatement consent;
        private final PreparedStatement referral;
        private final PreparedStatement nextSequence;
        private final PreparedStatement lastSequence;
        private final PreparedStatement outbox;

        Writer(JdbcTarget database, ReferralDraft d, OutboxSample sample) {
            this.sample = sample;
            // the columns as ConsentRepository and ReferralRepository fill them; ids and moments are set per change
            consentValues = new Object[] {null, Timestamp.from(d.consent().givenAt()), d.consent().form().name(),
                    d.consent().documentReference(), String.join(",", d.consent().purposes()), ConsentStatus.GIVEN.name(), null, null};
            referralValues = new Object[] {null, 1, ReferralStatus.RECORDED.name(), d.addressee(), null, null, null, d.citizen().bsn(),
                    d.citizen().name(), d.citizen().birthDate(), d.citizen().address().street(),
                    d.citizen().address().houseNumber(), d.citizen().address().postalCode(), d.citizen().address().city(),
                    d.citizen().phone(), d.contactPerson().name(), d.contactPerson().relation(), d.contactPerson().phone(),
                    d.requestedSupport(), d.problemAnalysis(), d.urgency().name(), d.contactPoint().name(),
                    d.contactPoint().phone(), d.contactPoint().email(), null};
            try {
                connection = database.connect();
                connection.setAutoCommit(false);
                consent = connection.prepareStatement("insert into consent_record (id, given_at, form, "
                        + "document_reference, purposes, status, withdrawn_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
                referral = connection.prepareStatement("insert into referral (id, version, status, addressee, "
                        + "recorded_at, updated_at, withdrawn_at, citizen_bsn, citizen_name, citizen_birth_date, "
                        + "address_street, address_house_number, address_postal_code, address_city, citizen_phone, "
                        + "contact_person_name, contact_person_relation, contact_person_phone, requested_support, "
                        + "problem_analysis, urgency, contact_point_name, contact_point_phone, contact_point_email, "
                        + "consent_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                nextSequence = connection.prepareStatement(
                        "update source_sequence set last_value = last_value + 1 where source = ?");
                lastSequence = connection.prepareStatement("select last_value from source_sequence where source = ?");
                outbox = connection.prepareStatement("insert into outbox_entry (event_id, source_sequence, topic, "
                        + "event_type, object_type, subject, dataref, occurred_at, body) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open " + database.url(), e);
            }
        }

        @Override
        public void call(long index) throws SQLException {
            Timestamp now = Timestamp.from(Instant.now());
            UUID consentId = UUID.randomUUID();
            UUID referralId = UUID.randomUUID();
            try {
                consentValues[0] = consentId;
                consentValues[7] = now;
                bind(consent, consentValues);
                consent.executeUpdate();
                referralValues[0] = referralId;
                referralValues[4] = now;
                referralValues[5] = now;
                referralValues[24] = consentId;
                bind(referral, referralValues);
                referral.executeUpdate();
                bind(outbox, UUID.randomUUID(), sequence(), sample.topic(), sample.eventType(), sample.objectType(),
                        referralId.toString(), sample.datarefPrefix() + referralId, now, sample.body());
                outbox.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        /** As OutboxRepository.nextSequence: the row lock taken here serialises writers until the commit. */
        private long sequence() throws SQLException {
            nextSequence.setString(1, SOURCE);
            if (nextSequence.executeUpdate() != 1) {
                throw new IllegalStateException("no sequence row for " + SOURCE);
            }
            lastSequence.setString(1, SOURCE);
            try (ResultSet rs = lastSequence.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static void bind(PreparedStatement statement, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
