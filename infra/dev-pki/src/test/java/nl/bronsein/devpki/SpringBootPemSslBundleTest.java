package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The files load as Spring Boot PEM SSL bundles, both programmatically and through the
 * {@code spring.ssl.bundle.pem.*} properties, and the resulting SSLContexts do mutual TLS.
 */
class SpringBootPemSslBundleTest {

    static final String OIN = "00000001234567890000";
    static final String KVK = "12345678";

    @TempDir
    static Path dir;

    static DevCertificateAuthority ca;
    static NodeCredentials municipality;
    static NodeCredentials gp;

    @BeforeAll
    static void writeFiles() {
        ca = DevCertificateAuthority.generate("Spring test CA");
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        municipality = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));
        municipality.writePem(dir.resolve("municipality.crt"), dir.resolve("municipality.key"));
        gp = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde", KVK));
        gp.writePem(dir.resolve("gp.crt"), dir.resolve("gp.key"));
    }

    @Test
    void pemContentReadsChainAndPkcs8Key() throws Exception {
        PemContent certificates = PemContent.load(dir.resolve("municipality.crt"));
        PemContent key = PemContent.load(dir.resolve("municipality.key"));

        assertThat(certificates.getCertificates()).containsExactly(municipality.certificate(), ca.certificate());
        assertThat(key.getPrivateKey().getEncoded()).isEqualTo(municipality.privateKey().getEncoded());
    }

    @Test
    void pemSslStoreBundleBuildsKeyStoreWithChainAndTrustStoreWithCa() throws Exception {
        PemSslStoreBundle stores = storeBundle("municipality");

        KeyStore keyStore = stores.getKeyStore();
        String alias = Collections.list(keyStore.aliases()).get(0);
        assertThat(keyStore.isKeyEntry(alias)).isTrue();
        assertThat(keyStore.getCertificateChain(alias)).containsExactly(municipality.certificate(), ca.certificate());
        assertThat(keyStore.getKey(alias, new char[0]).getEncoded()).isEqualTo(municipality.privateKey().getEncoded());

        KeyStore trustStore = stores.getTrustStore();
        assertThat(Collections.list(trustStore.aliases())).hasSize(1);
        assertThat(trustStore.getCertificate(Collections.list(trustStore.aliases()).get(0))).isEqualTo(ca.certificate());
    }

    @Test
    void sslContextsFromPemBundlesDoMutualTls() throws Exception {
        SSLContext server = SslBundle.of(storeBundle("municipality")).createSslContext();
        SSLContext client = SslBundle.of(storeBundle("gp")).createSslContext();

        TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client, "TLSv1.3");

        assertThat(outcome.serverFailure()).isNull();
        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.clientSerialSeenByServer()).isEqualTo(KVK);
        assertThat(outcome.lineReceivedByClient()).isEqualTo("hello " + KVK);
    }

    @Test
    void springSslBundlePropertiesLoadTheFiles() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues(bundleProperties("municipality"))
                .withPropertyValues(bundleProperties("gp"))
                .withPropertyValues(
                        "spring.ssl.bundle.pem.gp.keystore.private-key=file:" + dir.resolve("gp.key").toAbsolutePath(),
                        "spring.ssl.bundle.pem.gp.keystore.verify-keys=true",
                        "spring.ssl.bundle.pem.municipality.keystore.private-key=file:"
                                + dir.resolve("municipality.key").toAbsolutePath(),
                        "spring.ssl.bundle.pem.municipality.keystore.verify-keys=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SslBundles bundles = context.getBean(SslBundles.class);
                    SSLContext server = bundles.getBundle("municipality").createSslContext();
                    SSLContext client = bundles.getBundle("gp").createSslContext();

                    TlsHandshake.Outcome outcome = TlsHandshake.connect(server, client, "TLSv1.3");

                    assertThat(outcome.serverFailure()).isNull();
                    assertThat(outcome.clientSerialSeenByServer()).isEqualTo(KVK);
                    assertThat(outcome.lineReceivedByClient()).isEqualTo("hello " + KVK);
                });
    }

    private static String[] bundleProperties(String stem) {
        return new String[] {
                "spring.ssl.bundle.pem." + stem + ".keystore.certificate=file:" + dir.resolve(stem + ".crt").toAbsolutePath(),
                "spring.ssl.bundle.pem." + stem + ".truststore.certificate=file:" + dir.resolve("ca.crt").toAbsolutePath(),
        };
    }

    private static PemSslStoreBundle storeBundle(String stem) {
        PemSslStoreDetails keyStore = PemSslStoreDetails
                .forCertificates("file:" + dir.resolve(stem + ".crt").toAbsolutePath())
                .withPrivateKey("file:" + dir.resolve(stem + ".key").toAbsolutePath());
        PemSslStoreDetails trustStore = PemSslStoreDetails
                .forCertificates("file:" + dir.resolve("ca.crt").toAbsolutePath());
        return new PemSslStoreBundle(keyStore, trustStore);
    }
}
