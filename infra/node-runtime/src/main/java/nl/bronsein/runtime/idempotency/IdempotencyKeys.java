package nl.bronsein.runtime.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored first answers, by caller and key ({@code idempotency_key}). */
class IdempotencyKeys {

    /** The first answer to a key: what was asked (as its fingerprint) and what was answered. */
    record FirstAnswer(String fingerprint, int status, String contentType, String location, String body) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the key for a request about to be done, in the caller's transaction. A concurrent transaction that took it
     * first makes this wait until that one ends; if it committed, this fails with a duplicate key.
     */
    void claim(String caller, String key, String fingerprint, Instant now) {
        jdbc.sql("insert into idempotency_key (caller, idempotency_key, fingerprint, created_at)"
                        + " values (:caller, :key, :fingerprint, :now)")
                .param("caller", caller).param("key", key).param("fingerprint", fingerprint).param("now", Timestamp.from(now)).update();
    }

    /** The answer to keep, in the same transaction as the claim and the work. */
    void answer(String caller, String key, int status, String contentType, String location, String body) {
        jdbc.sql("update idempotency_key set status = :status, content_type = :contentType, location = :location,"
                        + " body = :body where caller = :caller and idempotency_key = :key")
                .param("status", status).param("contentType", contentType).param("location", location).param("body", body)
                .param("caller", caller).param("key", key).update();
    }

    /** The committed first answer to a key, if any. */
    Optional<FirstAnswer> find(String caller, String key) {
        return jdbc.sql("select fingerprint, status, content_type, location, body from idempotency_key"
                        + " where caller = :caller and idempotency_key = :key")
                .param("caller", caller).param("key", key)
                .query((rs, n) -> new FirstAnswer(rs.getString("fingerprint"), rs.getInt("status"),
                        rs.getString("content_type"), rs.getString("location"), rs.getString("body")))
                .optional();
    }

    /** Forgets the answers given before the moment: a repeat of one of them counts as a new request. */
    int forgetBefore(Instant moment) {
        return jdbc.sql("delete from idempotency_key where created_at < :moment").param("moment", Timestamp.from(moment)).update();
    }
}
