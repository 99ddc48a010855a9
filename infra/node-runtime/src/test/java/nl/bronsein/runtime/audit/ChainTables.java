package nl.bronsein.runtime.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The processing log and its chain as a fresh node has them, for a test that shares its PostgreSQL with the last. */
public final class ChainTables {

    private ChainTables() {
    }

    public static void empty(JdbcClient jdbc) {
        jdbc.sql("delete from audit_record").update();
        jdbc.sql("delete from audit_chain_checkpoint").update();
        jdbc.sql("update audit_chain_head set chain_seq = 0, chain_hash = :hash").param("hash", ChainHash.GENESIS).update();
    }
}
