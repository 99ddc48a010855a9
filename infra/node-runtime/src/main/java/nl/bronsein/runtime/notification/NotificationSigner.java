package nl.bronsein.runtime.notification;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Signs what this node publishes with the key of its network certificate — the one the participant list pins for it —
 * so that a receiver accepts a notification as this node's only if this node sent it, whoever could write to the
 * recipient's inbox (docs/design.md, "Authenticity: WRITE ACLs and a signature, both"). The signature and the
 * certificate travel as two CloudEvents extensions ({@link NotificationEnvelope#SIGNATURE},
 * {@link NotificationEnvelope#SIGNER_CERTIFICATE}), so a dump and a replay keep them.
 */
public final class NotificationSigner {

    private final PrivateKey key;
    private final String certificate;
    private final String algorithm;

    public NotificationSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.algorithm = algorithmFor(key.getAlgorithm());
        try {
            this.certificate = Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the node's certificate cannot be encoded", e);
        }
    }

    /**
     * The notification with this node's signature over it as it will travel on {@code topic}, and this node's
     * certificate, as two extensions; any signature it carried is replaced.
     */
    public CloudEvent sign(CloudEvent event, String topic) {
        Object dataref = event.getExtension("dataref");
        Object sequence = event.getExtension("sequence");
        byte[] content = SignedContent.of(topic, event.getId(), event.getSource() == null ? null : event.getSource().toString(),
                event.getType(), event.getSubject(), event.getTime() == null ? null : event.getTime().toInstant(),
                dataref == null ? null : dataref.toString(), sequence == null ? null : Long.valueOf(sequence.toString()),
                event.getData() == null ? null : event.getData().toBytes());
        return CloudEventBuilder.from(event).withExtension(NotificationEnvelope.SIGNATURE, sign(content))
                .withExtension(NotificationEnvelope.SIGNER_CERTIFICATE, certificate).build();
    }

    private String sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the node's key (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The JDK signature algorithm for a key: the network's PKI issues EC keys; RSA keys (PKIoverheid) sign too. */
    static String algorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("no signature algorithm for a " + keyAlgorithm + " key");
        };
    }
}
