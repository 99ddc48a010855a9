package nl.bronsein.runtime.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the processing log names a data subject: HMAC-SHA256 of the BSN under this node's own key (LDV: "unieke,
 * versleutelde identificerende code van de betrokkene"). The log can be searched for a citizen whose BSN is given, and
 * holds no BSN; another node's pseudonym for the same citizen is another value, so logs cannot be joined without the
 * keys. The key is generated once, at the first record, and kept with the log: whoever may read the BSNs of this node's
 * registration may also link its log to them, and nobody else.
 */
public final class SubjectPseudonyms implements SmartInitializingSingleton {

    public static final String SUBJECT_TYPE = "BSN";

    private final JdbcClient jdbc;
    private final SecureRandom random;
    private volatile SecretKeySpec key;

    SubjectPseudonyms(JdbcClient jdbc, SecureRandom random) {
        this.jdbc = jdbc;
        this.random = random;
    }

    /**
     * The key is made at start-up, in a transaction of its own: made by the first record instead, a change that rolled
     * back would take the stored key with it while this instance went on using it.
     */
    @Override
    public void afterSingletonsInstantiated() {
        key();
    }

    /** This node's pseudonym for the citizen with this BSN. */
    public String of(String bsn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(bsn.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            byte[] secret = HexFormat.of().parseHex(stored().orElseGet(this::generated));
            current = new SecretKeySpec(secret, "HmacSHA256");
            key = current;
        }
        return current;
    }

    private Optional<String> stored() {
        return jdbc.sql("select secret from processing_log_key where id = 1").query(String.class).optional();
    }

    /** Two instances on one database may both generate one: the first insert wins, and both use that. */
    private String generated() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
            jdbc.sql("insert into processing_log_key (id, secret) values (1, :secret)")
                    .param("secret", HexFormat.of().formatHex(secret)).update();
        } catch (DuplicateKeyException another) {
            // the other instance's key is the node's key
        }
        return stored().orElseThrow();
    }
}
