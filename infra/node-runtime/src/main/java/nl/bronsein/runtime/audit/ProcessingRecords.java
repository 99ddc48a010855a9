package nl.bronsein.runtime.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processing log as its reader sees it: records found by subject, party, purpose and time, a page at a time; and a
 * range of the hash chain, record by record, for an export. Reads only: {@link AuditTrail} writes.
 */
public class ProcessingRecords {

    /** Rows fetched from the database at a time while an export streams: a large range is never held in memory. */
    private static final int EXPORT_FETCH = 500;

    private final JdbcClient jdbc;

    public ProcessingRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; every criterion that is null matches everything.
     *
     * @param subject the data subject as this node's log names it (its pseudonym, {@link AuditTrail#subjectOf})
     * @param party   the other party, exactly as recorded (a participant URN, {@code staff:<subject>}, ...)
     * @param purpose the purpose, exactly as recorded
     * @param from    recorded (ended) at or after this moment
     * @param to      recorded before this moment
     */
    public record Criteria(String subject, String party, String purpose, Instant from, Instant to) {
    }

    /**
     * One page of the records that match, in the order they were written ({@code id}): a record written after the first
     * page was read lands behind the last page, so paging on never skips or repeats one. Asks for one more than the page
     * holds, so the caller learns whether there is more without counting every match.
     */
    public List<AuditRecord> search(Criteria criteria, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = "select * from audit_record where 1 = 1" + where(criteria, params)
                + " order by id offset :offset rows fetch next :limit rows only";
        return jdbc.sql(sql).params(params).param("offset", offset).param("limit", limit).query(AuditTrail::row).list();
    }

    /**
     * The part of the hash chain that holds the sealed records recorded in {@code [from, to)}, in chain order, from the
     * first such record to the last: contiguous, so that it verifies from {@code chainBefore} to its end. A record
     * sealed between two of them but recorded just outside the range (records are sealed in commit order, recorded in
     * clock order) is in it too. Records not yet sealed have no place in the chain yet and are left out; they are in an
     * export made once the sealer has reached them.
     *
     * @param chainBefore given first, once: the chain's state just before the first record; empty when that record
     *                    starts the chain, its predecessor is not known, or no record is exported
     * @param each        given every record, streamed from the database
     */
    @Transactional(readOnly = true)
    public void export(Instant from, Instant to, Consumer<Optional<ProcessingRecordLine.Chain>> chainBefore,
                       Consumer<AuditRecord> each) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = "select min(chain_seq) as first_seq, max(chain_seq) as last_seq from audit_record"
                + " where chain_seq is not null" + where(new Criteria(null, null, null, from, to), params);
        Long[] bounds = jdbc.sql(sql).params(params).query((rs, n) -> new Long[] {rs.getObject("first_seq", Long.class),
                rs.getObject("last_seq", Long.class)}).single();
        if (bounds[0] == null) {
            chainBefore.accept(Optional.empty());
            return;
        }
        chainBefore.accept(before(bounds[0]));
        jdbc.sql("select * from audit_record where chain_seq between :first and :last order by chain_seq")
                .param("first", bounds[0]).param("last", bounds[1])
                .withFetchSize(EXPORT_FETCH)
                .query((RowCallbackHandler) rs -> each.accept(AuditTrail.row(rs, 0)));
    }

    /** The record before {@code seq} in the chain, or where retention removed it, the checkpoint it left. */
    private Optional<ProcessingRecordLine.Chain> before(long seq) {
        Optional<ProcessingRecordLine.Chain> record = jdbc.sql(
                        "select chain_seq, chain_hash from audit_record where chain_seq = :seq")
                .param("seq", seq - 1).query((rs, n) -> new ProcessingRecordLine.Chain(rs.getLong(1), rs.getString(2)))
                .optional();
        if (record.isPresent()) {
            return record;
        }
        return jdbc.sql("select chain_seq, chain_hash from audit_chain_checkpoint where chain_seq = :seq"
                        + " order by id desc fetch first 1 rows only")
                .param("seq", seq - 1).query((rs, n) -> new ProcessingRecordLine.Chain(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /** The conditions for the criteria given, each with its parameter; the values are bound, never spliced in. */
    private static String where(Criteria criteria, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (criteria.subject() != null) {
            sql.append(" and subject = :subject");
            params.put("subject", criteria.subject());
        }
        if (criteria.party() != null) {
            sql.append(" and caller = :party");
            params.put("party", criteria.party());
        }
        if (criteria.purpose() != null) {
            sql.append(" and purpose = :purpose");
            params.put("purpose", criteria.purpose());
        }
        if (criteria.from() != null) {
            sql.append(" and recorded_at >= :from");
            params.put("from", Timestamp.from(criteria.from()));
        }
        if (criteria.to() != null) {
            sql.append(" and recorded_at < :to");
            params.put("to", Timestamp.from(criteria.to()));
        }
        return sql.toString();
    }
}
