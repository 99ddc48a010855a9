package nl.bronsein.runtime.notification;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The bytes a notification's signature covers: the topic it travels on (its recipient), every CloudEvents attribute a
 * receiver acts on, and the SHA-256 of the body — each length-prefixed, so that no two notifications give the same
 * bytes by moving text from one attribute into the next. The topic binds the record to one recipient's inbox: a signed
 * record copied into another inbox no longer verifies.
 */
final class SignedContent {

    private static final String VERSION = "bronsein-notification-signature-v1";

    private SignedContent() {
    }

    static byte[] of(String topic, String id, String source, String type, String subject, Instant time, String dataref,
                     Long sequence, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : new String[] {VERSION, topic, id, source, type, subject, time == null ? "" : time.toString(),
                dataref, sequence == null ? "" : Long.toString(sequence)}) {
            write(out, (field == null ? "" : field).getBytes(StandardCharsets.UTF_8));
        }
        write(out, sha256(body == null ? new byte[0] : body));
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] field) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(field.length).array());
        out.writeBytes(field);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
