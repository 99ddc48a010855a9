package nl.bronsein.runtime.trust;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import nl.bronsein.runtime.worker.PeriodicWorker;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.metrics.RuntimeMetrics;

/**
 * Client certificates the network port refuses in the TLS handshake: expired, not yet valid, self-signed, or from an
 * issuer this node does not trust. The handshake fails before any HTTP request exists, so this is the one place such
 * an attempt can be audited. The row ({@link AuditOutcome#UNTRUSTED_CERTIFICATE}) names the certificate by its SHA-256
 * fingerprint ({@code untrusted:<sha256>}), how often it was refused, the participant number it claims (subject
 * {@code serialNumber}) and its issuer — never the subject's other attributes, which an unknown party fills in as it
 * likes.
 *
 * <p>Anyone who can open a connection can cause a refusal, so refusals are counted in memory and written every
 * {@code bronsein.refused-handshakes.interval} (10 s) on a worker of their own: one row per certificate and reason
 * refused in that interval, with its count; for at most {@code max-rows} certificates, the refusals of any further ones
 * in one row together. A flood thus writes a bounded number of rows, and no refusal waits longer than the interval —
 * before, a row was written at a certificate's first refusal and its repeats were "counted into its next row", which a
 * burst within a minute never got: at the GP a burst wrote nothing (issue 15). Rows that cannot be written (the
 * database away) are counted again and written with the next ones; what is still counted when the node stops is
 * written then. The handshake never waits for the database. The metric {@code bronsein.tls.refused} counts every
 * refusal.
 */
public class CertificateRefusals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CertificateRefusals.class);

    private final AuditTrail audit;
    private final RuntimeMetrics metrics;
    private final RefusedHandshakeProperties properties;
    private final PeriodicWorker worker;

    // guarded by this: the handshakes of many connections refuse at once, the worker writes meanwhile
    private Map<Repeated, Count> counted = new LinkedHashMap<>();
    private long notItemised;

    public CertificateRefusals(AuditTrail audit, RuntimeMetrics metrics, RefusedHandshakeProperties properties) {
        this.audit = audit;
        this.metrics = metrics;
        this.properties = properties;
        this.worker = new PeriodicWorker("refused-handshakes", properties.interval(), this::write);
    }

    /** Why a certificate was refused, as an audit reason and as a bounded metric tag. */
    public enum Reason {
        EXPIRED("certificate expired", "expired"),
        NOT_YET_VALID("certificate not yet valid", "not-yet-valid"),
        SELF_SIGNED("self-signed certificate", "self-signed"),
        UNTRUSTED_ISSUER("untrusted issuer", "untrusted-issuer"),
        OTHER("certificate refused", "other");

        private final String text;
        private final String tag;

        Reason(String text, String tag) {
            this.text = text;
            this.tag = tag;
        }

        public String text() {
            return text;
        }

        /**
         * Reads the trust manager's exception rather than the certificate's dates: a certificate that is both expired
         * and from an unknown issuer was refused for its issuer, and saying so does not suggest it came from ours.
         */
        public static Reason of(X509Certificate certificate, CertificateException refusal) {
            for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
                if (cause instanceof CertificateExpiredException
                        || cause instanceof CertPathValidatorException v && v.getReason() == BasicReason.EXPIRED) {
                    return EXPIRED;
                }
                if (cause instanceof CertificateNotYetValidException
                        || cause instanceof CertPathValidatorException v && v.getReason() == BasicReason.NOT_YET_VALID) {
                    return NOT_YET_VALID;
                }
                // no path to a trusted CA, or one that names a trusted CA but was not signed by its key
                if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException v
                        && (v.getReason() == PKIXReason.NO_TRUST_ANCHOR || v.getReason() == BasicReason.INVALID_SIGNATURE)) {
                    return selfSigned(certificate) ? SELF_SIGNED : UNTRUSTED_ISSUER;
                }
            }
            return selfSigned(certificate) ? SELF_SIGNED : OTHER;
        }

        private static boolean selfSigned(X509Certificate certificate) {
            return certificate != null
                    && certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        }
    }

    /**
     * Counts one refusal, to be written within the interval. Never throws and never waits for the database: the
     * handshake fails with the trust manager's own exception whatever happens to the audit.
     */
    public void refused(X509Certificate[] chain, CertificateException refusal) {
        X509Certificate certificate = chain == null || chain.length == 0 ? null : chain[0];
        Reason reason = Reason.of(certificate, refusal);
        metrics.handshakeRefused(reason.tag);
        if (certificate == null) {
            return; // nothing identifies the caller; JSSE refuses an empty chain before asking a trust manager anyway
        }
        try {
            count(new Repeated(CertificateFingerprint.sha256(certificate), reason), describe(certificate), 1);
        } catch (RuntimeException e) {
            log.warn("A refused client certificate ({}) could not be counted: {}", reason.text, e.toString());
        }
    }

    private synchronized void count(Repeated key, String description, long times) {
        Count count = counted.get(key);
        if (count != null) {
            count.times += times;
        } else if (counted.size() < properties.maxRows()) {
            counted.put(key, new Count(description, times));
        } else {
            notItemised += times;
        }
    }

    /** Writes the refusals counted since the last time. Never throws: the schedule must survive any failure. */
    void write() {
        Map<Repeated, Count> batch;
        long rest;
        synchronized (this) {
            batch = counted;
            rest = notItemised;
            counted = new LinkedHashMap<>();
            notItemised = 0;
        }
        Iterator<Map.Entry<Repeated, Count>> rows = batch.entrySet().iterator();
        try {
            while (rows.hasNext()) {
                Map.Entry<Repeated, Count> row = rows.next();
                Repeated key = row.getKey();
                audit.record("untrusted:" + key.fingerprint(), null, null, null, AuditOutcome.UNTRUSTED_CERTIFICATE,
                        key.reason().text + "; refused " + times(row.getValue().times) + row.getValue().description);
                rows.remove();
            }
            if (rest > 0) {
                audit.record("untrusted:not-itemised", null, null, null, AuditOutcome.UNTRUSTED_CERTIFICATE,
                        "refused " + times(rest) + " for certificates beyond the " + properties.maxRows()
                                + " written separately within " + properties.interval().toSeconds() + "s");
                rest = 0;
            }
        } catch (RuntimeException e) {
            log.warn("Refused client certificates could not be audited, retrying in {}: {}", properties.interval(),
                    e.getClass().getSimpleName());
            batch.forEach((key, count) -> count(key, count.description, count.times));
            synchronized (this) {
                notItemised += rest;
            }
        }
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    @Override
    public void start() {
        worker.start();
    }

    /** Writes what is still counted: the network port is closed by now (this stops after the web server). */
    @Override
    public void stop() {
        worker.stop(properties.interval());
        write();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Starts before and stops after the web server (whose lifecycles run at DEFAULT_PHASE - 1024 and - 2048). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    private static String describe(X509Certificate certificate) {
        String claimed = new NetworkCaller.Presented(Optional.of(certificate)).subjectSerialNumber().orElse("nothing");
        return "; claims " + claimed + (Reason.selfSigned(certificate)
                ? "; self-issued" : "; names issuer " + certificate.getIssuerX500Principal().getName());
    }

    private record Repeated(String fingerprint, Reason reason) {
    }

    private static final class Count {

        private final String description;
        private long times;

        Count(String description, long times) {
            this.description = description;
            this.times = times;
        }
    }
}
