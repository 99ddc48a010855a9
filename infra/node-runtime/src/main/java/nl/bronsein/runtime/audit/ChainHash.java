package nl.bronsein.runtime.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The one definition of a processing record's link in the node's hash chain, used by the sealer that writes it and by
 * every verification that checks it: {@code chain_hash = SHA-256(previous chain_hash as its 32 bytes || canonical
 * bytes of the record)}, in lower-case hex; the first record's previous hash is {@link #GENESIS}.
 *
 * <p>The canonical bytes are a version tag and then every field of {@link AuditRecord} but the chain's own, in this
 * order: end time, other party, object type, object id, purpose, outcome, reason, HTTP status, trace id, span id,
 * parent span id, name, start time, LDV status, processing activity, subject, subject type. Each is written as a
 * 4-byte big-endian length followed by that many bytes of UTF-8, or the length -1 for a null; times are the decimal
 * count of microseconds since the epoch (both databases keep microseconds: a finer instant is truncated, so the value
 * read back from H2 or PostgreSQL, and the one an export line carries, give the same bytes), the status is decimal and
 * the outcome its name. Length prefixes make the encoding unambiguous: no choice of field values can make two different
 * records give the same bytes. The record's {@code chain_seq} is left out on purpose: the previous hash already fixes a
 * record's place, and leaving it out lets a verification see that a record put in between does not belong there (its
 * successor still follows from its predecessor) rather than only that something differs.
 */
public final class ChainHash {

    /** The "previous hash" of the first record a node ever seals. */
    public static final String GENESIS = "0".repeat(64);

    /** Changing the encoding means a new tag, so a chain never mixes two encodings unnoticed. */
    private static final String VERSION = "bronsein-processing-record/1";

    private ChainHash() {
    }

    /** The hash of {@code record} following a record whose hash is {@code previous}. */
    public static String next(String previous, AuditRecord record) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(previous));
            sha256.update(canonical(record));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code hash} is a well-formed chain hash (64 lower-case hex digits). */
    public static boolean wellFormed(String hash) {
        return hash != null && hash.matches("[0-9a-f]{64}");
    }

    static byte[] canonical(AuditRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        field(out, VERSION);
        field(out, micros(r.at()));
        field(out, r.caller());
        field(out, r.objectType());
        field(out, r.objectId());
        field(out, r.purpose());
        field(out, r.outcome() == null ? null : r.outcome().name());
        field(out, r.reason());
        field(out, r.status() == null ? null : r.status().toString());
        field(out, r.traceId());
        field(out, r.spanId());
        field(out, r.parentSpanId());
        field(out, r.name());
        field(out, micros(r.startedAt()));
        field(out, r.statusCode());
        field(out, r.activity());
        field(out, r.subject());
        field(out, r.subjectType());
        return out.toByteArray();
    }

    /** Microseconds since the epoch, truncated (floor, also before 1970), as decimal text. */
    static String micros(Instant at) {
        if (at == null) {
            return null;
        }
        return Long.toString(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
