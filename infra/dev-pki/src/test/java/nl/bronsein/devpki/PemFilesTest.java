package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    static DevCertificateAuthority ca;
    static NodeCredentials node;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = DevCertificateAuthority.generate("PEM test CA");
        node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", "00000001234567890000"));
    }

    @Test
    void certificateFileIsLeafThenIssuerAndKeyFileIsPkcs8() throws Exception {
        node.writePem(dir.resolve("node.crt"), dir.resolve("node.key"));

        String crt = Files.readString(dir.resolve("node.crt"), StandardCharsets.US_ASCII);
        List<byte[]> blocks = blocks(crt, "CERTIFICATE");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0)).isEqualTo(node.certificate().getEncoded());
        assertThat(blocks.get(1)).isEqualTo(ca.certificate().getEncoded());

        String key = Files.readString(dir.resolve("node.key"), StandardCharsets.US_ASCII);
        assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----").doesNotContain("EC PRIVATE KEY")
                .doesNotContain("ENCRYPTED").doesNotContain("CERTIFICATE");
        assertThat(blocks(key, "PRIVATE KEY")).singleElement().isEqualTo(node.privateKey().getEncoded());
        assertThat(crt).doesNotContain("\r");
    }

    @Test
    void caKeyFileIsPkcs8Too() throws Exception {
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(blocks(Files.readString(dir.resolve("ca.crt")), "CERTIFICATE")).singleElement()
                .isEqualTo(ca.certificate().getEncoded());
        assertThat(JdkPem.pkcs8PrivateKey(dir.resolve("ca.key")).getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    }

    @Test
    void writtenAndLoadedBackAreEqual() throws Exception {
        node.writePem(dir.resolve("sub/dir/node.crt"), dir.resolve("sub/dir/node.key"));

        NodeCredentials loaded = NodeCredentials.load(dir.resolve("sub/dir/node.crt"), dir.resolve("sub/dir/node.key"));

        assertThat(loaded.certificate()).isEqualTo(node.certificate());
        assertThat(loaded.issuer()).isEqualTo(node.issuer());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(node.privateKey().getEncoded());
        assertThat(loaded.sha256Fingerprint()).isEqualTo(node.sha256Fingerprint());
        assertThat(PemFiles.readCertificates(dir.resolve("sub/dir/node.crt")))
                .containsExactly(node.certificate(), ca.certificate());
        // and the JDK alone reads the same objects
        assertThat(JdkPem.certificates(dir.resolve("sub/dir/node.crt")))
                .containsExactly(node.certificate(), ca.certificate());
        assertThat(JdkPem.pkcs8PrivateKey(dir.resolve("sub/dir/node.key")).getEncoded())
                .isEqualTo(node.privateKey().getEncoded());
    }

    @Test
    void selfSignedCredentialsAreWrittenOnceAndLoadBackAsSelfSigned() throws Exception {
        NodeCredentials selfSigned = NodeCredentials.selfSigned(NodeCertificateRequest.of("Impostor", "12345678"));
        selfSigned.writePem(dir.resolve("s.crt"), dir.resolve("s.key"));

        assertThat(blocks(Files.readString(dir.resolve("s.crt")), "CERTIFICATE")).hasSize(1);
        NodeCredentials loaded = NodeCredentials.load(dir.resolve("s.crt"), dir.resolve("s.key"));
        assertThat(loaded.isSelfSigned()).isTrue();
        assertThat(loaded.certificate()).isEqualTo(selfSigned.certificate());
    }

    @Test
    void loadRejectsAKeyOfAnotherCertificate() {
        node.writePem(dir.resolve("a.crt"), dir.resolve("a.key"));
        ca.issue(NodeCertificateRequest.of("Other", "87654321")).writePem(dir.resolve("b.crt"), dir.resolve("b.key"));

        assertThatThrownBy(() -> NodeCredentials.load(dir.resolve("a.crt"), dir.resolve("b.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the private key");
    }

    @Test
    void keyFileIsOwnerOnlyAndCertificateWorldReadableOnPosix() throws Exception {
        node.writePem(dir.resolve("node.crt"), dir.resolve("node.key"));
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("node.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dir.resolve("node.crt"))).contains(PosixFilePermission.OTHERS_READ);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("node.crt", "node.key");
        }
    }

    @Test
    void writingReplacesAnExistingFile() {
        NodeCredentials other = ca.issue(NodeCertificateRequest.of("Other", "87654321"));
        node.writePem(dir.resolve("n.crt"), dir.resolve("n.key"));
        other.writePem(dir.resolve("n.crt"), dir.resolve("n.key"));

        assertThat(NodeCredentials.load(dir.resolve("n.crt"), dir.resolve("n.key")).certificate())
                .isEqualTo(other.certificate());
    }

    @Test
    void readsTraditionalEcPrivateKeyToo() throws Exception {
        // `openssl ecparam -genkey` style: SEC1 "EC PRIVATE KEY" with the curve in its parameters field
        java.math.BigInteger s = ((java.security.interfaces.ECPrivateKey) node.privateKey()).getS();
        byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, s,
                new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
                .getEncoded();
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END EC PRIVATE KEY-----\n";

        Key key = PemFiles.parsePrivateKey(sec1);

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) key).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) node.privateKey()).getS());
    }

    @Test
    void rejectsContentThatIsNotWhatWasAskedFor() {
        assertThatThrownBy(() -> PemFiles.parseCertificates("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemFiles.parsePrivateKey(PemFiles.toPem(node.certificate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
        assertThatThrownBy(() -> PemFiles.parsePrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("missing.crt")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("missing.crt");
    }

    @Test
    void keyStoreHoldsTheChainUnderAliasNode() throws Exception {
        char[] password = "secret".toCharArray();
        KeyStore store = node.toKeyStore(password);

        assertThat(store.getType()).isEqualToIgnoringCase("PKCS12");
        assertThat(java.util.Collections.list(store.aliases())).containsExactly("node");
        assertThat(store.isKeyEntry("node")).isTrue();
        assertThat(store.getKey("node", password).getEncoded()).isEqualTo(node.privateKey().getEncoded());
        Certificate[] chain = store.getCertificateChain("node");
        assertThat(chain).containsExactly(node.certificate(), ca.certificate());

        KeyStore trust = ca.trustStore();
        assertThat(trust.isCertificateEntry(DevCertificateAuthority.TRUST_ALIAS)).isTrue();
        assertThat(trust.getCertificate(DevCertificateAuthority.TRUST_ALIAS)).isEqualTo(ca.certificate());
    }

    private static List<byte[]> blocks(String pem, String type) {
        Pattern pattern = Pattern.compile("-----BEGIN " + type + "-----\\n([A-Za-z0-9+/=\\n]+)-----END " + type + "-----\\n");
        Matcher matcher = pattern.matcher(pem);
        List<byte[]> result = new java.util.ArrayList<>();
        while (matcher.find()) {
            result.add(Base64.getMimeDecoder().decode(matcher.group(1)));
        }
        return result;
    }
}
