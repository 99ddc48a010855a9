package nl.bronsein.runtime.notification;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

import org.springframework.boot.ssl.SslBundle;

/**
 * The node's own key and the network's CA certificates, from the SSL bundle its network port and pulls use: the key
 * that signs what it publishes is the key of the certificate the participant list pins for it, and the CA that checks
 * a signer is the CA that checks a caller. One identity, on HTTP and on Kafka alike.
 */
public final class NodeSigningKey {

    private NodeSigningKey() {
    }

    public static NotificationSigner signer(SslBundle bundle) {
        try {
            KeyStore store = bundle.getStores().getKeyStore();
            String alias = bundle.getKey().getAlias();
            if (alias == null) {
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        alias = candidate;
                        break;
                    }
                }
            }
            // the key manager hands out the key without the store's password, which a PEM bundle may not have
            for (KeyManager manager : bundle.getManagers().getKeyManagers()) {
                if (manager instanceof X509KeyManager keys && alias != null && keys.getPrivateKey(alias) != null) {
                    PrivateKey key = keys.getPrivateKey(alias);
                    return new NotificationSigner(key, keys.getCertificateChain(alias)[0]);
                }
            }
            throw new IllegalStateException("the network SSL bundle holds no private key to sign notifications with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the network SSL bundle's key", e);
        }
    }

    public static NotificationVerifier verifier(SslBundle bundle) {
        try {
            KeyStore trust = bundle.getStores().getTrustStore();
            List<X509Certificate> authorities = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                Certificate certificate = trust.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    authorities.add(x509);
                }
            }
            return new NotificationVerifier(authorities);
        } catch (GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("the network SSL bundle has no trust store to check signers against", e);
        }
    }
}
