package nl.bronsein.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * referral row, the change's processing record and the outbox row addressed to the municipality — with plain JDBC on a
 * database of the same kind, migrated by the node's own migrations, one connection per client, one commit per change.
 * No HTTP, no token, no JSON, no pool, no relay. The SQL follows ConsentRepository, ReferralRepository, AuditTrail and
 * OutboxRepository as they are since the numbering moved to the relay: a change takes no sequence number and no
 * node-wide lock, so concurrent commits may share a flush here as they may in the node.
 */
final class RawJdbc {

    /** The outbox row the node wrote for a referral, so the plain one has the same topic, type, recipient and sizes. */
    record OutboxSample(String topic, String eventType, String objectType, String datarefPrefix, byte[] body,
                        String recipient, String traceparent) {

        static OutboxSample of(JdbcClient gp) {
            return gp.sql("select topic, event_type, object_type, dataref, body, recipient, traceparent from outbox_entry "
                            + "where object_type = 'referral' order by id fetch first 1 rows only")
                    .query((rs, n) -> {
                        String dataref = rs.getString("dataref");
                        return new OutboxSample(rs.getString("topic"), rs.getString("event_type"),
                                rs.getString("object_type"), dataref.substring(0, dataref.lastIndexOf('/') + 1),
                                rs.getBytes("body"), rs.getString("recipient"), rs.getString("traceparent"));
                    })
                    .single();
        }
    }

    /** The processing record the node wrote with a referral's change: the plain one has the same columns and sizes. */
    record ChangeRecordSample(String caller, String objectType, String purpose, String outcome, String reason,
                              String traceId, String spanId, String parentSpanId, String name, String statusCode,
                              String activity, String subject, String subjectType) {

        static ChangeRecordSample of(JdbcClient gp) {
            return gp.sql("select * from audit_record where name = 'change' and object_type = 'referral' "
                            + "order by id fetch first 1 rows only")
                    .query((rs, n) -> new ChangeRecordSample(rs.getString("caller"), rs.getString("object_type"),
                            rs.getString("purpose"), rs.getString("outcome"), rs.getString("reason"),
                            rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_span_id"),
                            rs.getString("name"), rs.getString("status_code"), rs.getString("activity"),
                            rs.getString("subject"), rs.getString("subject_type")))
                    .single();
        }
    }

    private RawJdbc() {
    }

    /** The node's schema. */
    static void prepare(JdbcTarget database) {
        new RuntimeSchemaMigration().migrate(Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/gp").load());
    }

    static ClosedLoop.Result measure(JdbcTarget database, ReferralDraft referral, OutboxSample outbox,
                                     ChangeRecordSample change, int clients, long changes) {
        return ClosedLoop.run(clients, changes, false, n -> new Writer(database, referral, outbox, change));
    }

    /** One client: its own connection and statements, prepared once. */
    private static final class Writer implements ClosedLoop.Client {

        private final OutboxSample sample;
        private final Object[] consentValues;
        private final Object[] referralValues;
        private final Object[] changeValues;
        private final Connection connection;
        private final PreparedStatement consent;
        private final PreparedStatement referral;
        private final PreparedStatement changeRecord;
        private final PreparedStatement outbox;

        Writer(JdbcTarget database, ReferralDraft d, OutboxSample sample, ChangeRecordSample c) {
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
            // the moments and the object id are set per change
            changeValues = new Object[] {null, c.caller(), c.objectType(), null, c.purpose(), c.outcome(), c.reason(), null,
                    c.traceId(), c.spanId(), c.parentSpanId(), c.name(), null, c.statusCode(), c.activity(), c.subject(),
                    c.subjectType()};
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
                changeRecord = connection.prepareStatement("insert into audit_record (recorded_at, caller, object_type, "
                        + "object_id, purpose, outcome, reason, status, trace_id, span_id, parent_span_id, name, started_at, "
                        + "status_code, activity, subject, subject_type) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                // unnumbered, as Outbox.record leaves it: the relay numbers committed rows
                outbox = connection.prepareStatement("insert into outbox_entry (event_id, source_sequence, topic, "
                        + "event_type, object_type, subject, dataref, occurred_at, body, recipient, recipient_sequence, "
                        + "traceparent) values (?, null, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)");
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
                changeValues[0] = now;
                changeValues[3] = referralId.toString();
                changeValues[12] = now;
                bind(changeRecord, changeValues);
                changeRecord.executeUpdate();
                bind(outbox, UUID.randomUUID(), sample.topic(), sample.eventType(), sample.objectType(),
                        referralId.toString(), sample.datarefPrefix() + referralId, now, sample.body(), sample.recipient(),
                        sample.traceparent());
                outbox.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
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
