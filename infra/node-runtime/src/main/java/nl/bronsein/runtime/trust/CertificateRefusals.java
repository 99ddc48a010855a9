package nl.bronsein.runtime.trust;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.operations.RuntimeMetrics;

/**
 * Client certificates the network port refuses in the TLS handshake: expired, not yet valid, self-signed, or from an
 * issuer this node does not trust. The handshake fails before any HTTP request exists, so this is the one place such
 * an attempt can be audited. The row ({@link AuditOutcome#UNTRUSTED_CERTIFICATE}) names the certificate by its SHA-256
 * fingerprint ({@code untrusted:<sha256>}), the participant number it claims (subject {@code serialNumber}) and its
 * issuer — never the subject's other attributes, which an unknown party fills in as it likes.
 *
 * <p>Anyone who can open a connection can cause a refusal, so the rows are bounded: a certificate refused for the
 * same reason again within {@link #WINDOW} is counted, not written, and the count goes into its next row; and at most
 * {@link #MAX_ROWS_PER_WINDOW} rows are written per window in all, the rest counted into the next row written. The
 * metric {@code bronsein.tls.refused} counts every refusal.
 */
public class CertificateRefusals {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ROWS_PER_WINDOW = 100;

    private static final Logger log = LoggerFactory.getLogger(CertificateRefusals.class);

    private final AuditTrail audit;
    private final RuntimeMetrics metrics;
    private final Clock clock;

    // guarded by this: the handshakes of many connections refuse at once
    private final Map<Repeated, Window> recent = new HashMap<>();
    private Instant windowStart = Instant.MIN;
    private int rowsInWindow;
    private int notWritten;

    public CertificateRefusals(AuditTrail audit, RuntimeMetrics metrics, Clock clock) {
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
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
     * Records one refusal. Never throws: the handshake fails with the trust manager's own exception whatever happens
     * to the audit.
     */
    public void refused(X509Certificate[] chain, CertificateException refusal) {
        X509Certificate certificate = chain == null || chain.length == 0 ? null : chain[0];
        Reason reason = Reason.of(certificate, refusal);
        metrics.handshakeRefused(reason.tag);
        if (certificate == null) {
            return; // nothing identifies the caller; JSSE refuses an empty chain before asking a trust manager anyway
        }
        try {
            String fingerprint = CertificateFingerprint.sha256(certificate);
            admit(new Repeated(fingerprint, reason), clock.instant()).ifPresent(earlier ->
                    audit.record("untrusted:" + fingerprint, null, null, null, AuditOutcome.UNTRUSTED_CERTIFICATE,
                            reason.text + earlier + describe(certificate)));
        } catch (RuntimeException e) {
            log.warn("A refused client certificate ({}) could not be audited: {}", reason.text, e.toString());
        }
    }

    /** What to add about earlier refusals when this one is written; empty when it is only counted. */
    private synchronized Optional<String> admit(Repeated key, Instant now) {
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            rowsInWindow = 0;
            // a certificate refused in the last window keeps its count for its next row; older ones are forgotten
            for (Iterator<Window> windows = recent.values().iterator(); windows.hasNext(); ) {
                Window window = windows.next();
                if (window.stale(now)) {
                    notWritten += window.repeats;
                    windows.remove();
                }
            }
        }
        Window last = recent.get(key);
        if (last != null && !last.expired(now)) {
            last.repeats++;
            return Optional.empty();
        }
        if (rowsInWindow >= MAX_ROWS_PER_WINDOW) {
            notWritten++;
            return Optional.empty();
        }
        rowsInWindow++;
        recent.put(key, new Window(now));
        StringBuilder earlier = new StringBuilder();
        if (last != null && last.repeats > 0) {
            earlier.append("; refused ").append(last.repeats).append(" more times since its previous row");
        }
        if (notWritten > 0) {
            earlier.append("; ").append(notWritten).append(" other refusals not written separately");
            notWritten = 0;
        }
        return Optional.of(earlier.toString());
    }

    private static String describe(X509Certificate certificate) {
        String claimed = new NetworkCaller.Presented(Optional.of(certificate)).subjectSerialNumber().orElse("nothing");
        return "; claims " + claimed + (Reason.selfSigned(certificate)
                ? "; self-issued" : "; names issuer " + certificate.getIssuerX500Principal().getName());
    }

    private record Repeated(String fingerprint, Reason reason) {
    }

    private static final class Window {

        private final Instant start;
        private int repeats;

        Window(Instant start) {
            this.start = start;
        }

        boolean expired(Instant now) {
            return !now.isBefore(start.plus(WINDOW));
        }

        boolean stale(Instant now) {
            return !now.isBefore(start.plus(WINDOW.multipliedBy(2)));
        }
    }
}
