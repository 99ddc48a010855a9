package nl.bronsein.devpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevCertificateAuthorityTest {

    static final String OIN = "00000001234567890000";
    static final String KVK = "12345678";
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    static DevCertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = DevCertificateAuthority.generate("Bronsein test CA");
    }

    @Test
    void caIsASelfSignedTenYearCertificateAuthority() throws Exception {
        X509Certificate certificate = ca.certificate();

        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity();
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(CertificateSubjects.commonName(certificate.getSubjectX500Principal())).contains("Bronsein test CA");
        assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertThat(validity).isBetween(Duration.ofDays(3650), Duration.ofDays(3654));
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(ca.privateKey().getFormat()).isEqualTo("PKCS#8");
    }

    @Test
    void issuedCertificateVerifiesAgainstTheCaAndPassesPkixValidation() throws Exception {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));

        node.certificate().verify(ca.certificate().getPublicKey());
        assertThat(node.issuer()).isEqualTo(ca.certificate());
        assertThat(node.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(node.isSelfSigned()).isFalse();

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(node.certificate())), parameters);
    }

    @Test
    void selfSignedCertificateFailsPkixValidationAgainstTheCa() throws Exception {
        NodeCredentials selfSigned = NodeCredentials.selfSigned(NodeCertificateRequest.of("Impostor", KVK));

        selfSigned.certificate().verify(selfSigned.certificate().getPublicKey());
        assertThat(selfSigned.isSelfSigned()).isTrue();
        assertThat(selfSigned.chain()).containsExactly(selfSigned.certificate());
        assertThat(selfSigned.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(selfSigned.certificate().getExtendedKeyUsage()).contains(SERVER_AUTH, CLIENT_AUTH);

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX")
                .validate(factory.generateCertPath(List.of(selfSigned.certificate())), parameters))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void subjectCarriesSerialNumberAsPrintableStringAndOrganisationInOAndCn() throws Exception {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk De Linde, Zuid", KVK));
        X500Principal subject = node.certificate().getSubjectX500Principal();

        assertThat(CertificateSubjects.serialNumber(subject)).contains(KVK);
        assertThat(node.serialNumber()).isEqualTo(KVK);
        assertThat(CertificateSubjects.organisationName(subject)).contains("Huisartsenpraktijk De Linde, Zuid");
        assertThat(CertificateSubjects.commonName(subject)).contains("Huisartsenpraktijk De Linde, Zuid");

        // independent of CertificateSubjects: the raw attribute is OID 2.5.4.5 with a PrintableString value
        X500Name name = X500Name.getInstance(subject.getEncoded());
        assertThat(name.getRDNs(BCStyle.SERIALNUMBER)).hasSize(1);
        assertThat(name.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getType().getId()).isEqualTo("2.5.4.5");
        assertThat(name.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue())
                .isInstanceOf(DERPrintableString.class)
                .hasToString(KVK);

        // and readable with the JDK alone, as documented on CertificateSubjects
        String rfc2253 = subject.getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER"));
        assertThat(new LdapName(rfc2253).getRdns()).map(Rdn::toString).contains("SERIALNUMBER=" + KVK);
    }

    @Test
    void twentyDigitOinIsKeptExactlyIncludingLeadingZeros() {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));

        assertThat(CertificateSubjects.serialNumber(node.certificate())).contains(OIN);
    }

    @Test
    void subjectAlternativeNamesHoldTheRequestedDnsNamesAndIpAddresses() throws Exception {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)
                .withDnsNames(List.of("localhost", "municipality.bronsein.test"))
                .withIpAddresses(List.of("127.0.0.1", "::1")));

        assertThat(node.certificate().getSubjectAlternativeNames())
                .extracting(entry -> List.of(entry.get(0), entry.get(1)))
                .containsExactlyInAnyOrder(
                        List.of(2, "localhost"),
                        List.of(2, "municipality.bronsein.test"),
                        List.of(7, "127.0.0.1"),
                        List.of(7, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void defaultRequestHasLocalhostAndLoopbackAndTwoYearsFromAnHourAgo() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));

        assertThat(node.certificate().getSubjectAlternativeNames())
                .extracting(entry -> (Object) entry.get(1))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        Instant notBefore = node.certificate().getNotBefore().toInstant();
        assertThat(notBefore).isBetween(before.minus(Duration.ofHours(1)).minusSeconds(2),
                Instant.now().minus(Duration.ofHours(1)));
        assertThat(Duration.between(notBefore, node.certificate().getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(730), Duration.ofDays(732));
    }

    @Test
    void nodeCertificateIsAnEndEntityForServerAndClientAuthentication() throws Exception {
        X509Certificate certificate = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)).certificate();

        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtensionValue("2.5.29.19")).as("basicConstraints present").isNotNull();
        assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[4]).as("keyAgreement").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64).isLessThanOrEqualTo(159);
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keyIdentifiersChainLeafToCa() throws Exception {
        X509Certificate leaf = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)).certificate();

        byte[] caSki = SubjectKeyIdentifier.getInstance(extension(ca.certificate(), Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        byte[] leafAki = AuthorityKeyIdentifier.getInstance(extension(leaf, Extension.authorityKeyIdentifier))
                .getKeyIdentifierOctets();
        byte[] leafSki = SubjectKeyIdentifier.getInstance(extension(leaf, Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        assertThat(leafAki).isEqualTo(caSki);
        assertThat(leafSki).isNotEmpty().isNotEqualTo(caSki);
    }

    @Test
    void serialsAreRandomAndKeysFresh() {
        NodeCertificateRequest request = NodeCertificateRequest.of("Gemeente Testdam", OIN);
        NodeCredentials a = ca.issue(request);
        NodeCredentials b = ca.issue(request);

        BigInteger serialA = a.certificate().getSerialNumber();
        assertThat(serialA).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
        assertThat(a.sha256Fingerprint()).isNotEqualTo(b.sha256Fingerprint());
    }

    @Test
    void expiredRequestYieldsACertificateWhoseCheckValidityThrows() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(Duration.ofDays(10));
        Instant notAfter = now.minus(Duration.ofDays(1));
        X509Certificate expired = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)
                .withValidity(notBefore, notAfter)).certificate();

        assertThat(expired.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(expired.getNotAfter().toInstant()).isEqualTo(notAfter);
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> expired.checkValidity(Date.from(now))).isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void notYetValidRequestYieldsACertificateWhoseCheckValidityThrows() {
        Instant now = Instant.now();
        X509Certificate future = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)
                .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)))).certificate();

        assertThatThrownBy(future::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void fingerprintIsLowercaseHexSha256OfTheDerEncoding() throws Exception {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(node.certificate().getEncoded());
        StringBuilder expected = new StringBuilder();
        for (byte b : digest) {
            expected.append(String.format("%02x", b & 0xff));
        }
        assertThat(node.sha256Fingerprint()).isEqualTo(expected.toString()).matches("[0-9a-f]{64}");
        assertThat(HexFormat.of().parseHex(node.sha256Fingerprint())).isEqualTo(digest);
    }

    @Test
    void caWrittenAndLoadedBackIsEqualAndCanStillIssue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        DevCertificateAuthority loaded = DevCertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
        loaded.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)).certificate()
                .verify(ca.certificate().getPublicKey());
    }

    @Test
    void loadRejectsAKeyThatIsNotTheCasAndALeafThatIsNotACa(@org.junit.jupiter.api.io.TempDir Path dir) {
        ca.writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        DevCertificateAuthority.generate("Other").writeTo(dir.resolve("other.crt"), dir.resolve("other.key"));
        ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN)).writePem(dir.resolve("n.crt"), dir.resolve("n.key"));

        assertThatThrownBy(() -> DevCertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("other.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the private key");
        assertThatThrownBy(() -> DevCertificateAuthority.load(dir.resolve("n.crt"), dir.resolve("n.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CA certificate");
    }

    @Test
    void noBouncyCastleProviderIsRegisteredInTheJvm() throws Exception {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));
        NodeCredentials.selfSigned(NodeCertificateRequest.of("Impostor", KVK));
        PemFiles.parseCertificates(PemFiles.toPem(node.certificate()));
        PemFiles.parsePrivateKey(PemFiles.toPem(node.privateKey()));

        assertThat(java.security.Security.getProvider("BC")).isNull();
        assertThat(node.certificate().getClass().getName()).startsWith("sun.security.");
        assertThat(node.privateKey().getClass().getName()).startsWith("sun.security.");
    }

    @Test
    void toStringDoesNotRevealThePrivateKey() {
        NodeCredentials node = ca.issue(NodeCertificateRequest.of("Gemeente Testdam", OIN));

        assertThat(node.toString()).contains(node.sha256Fingerprint()).doesNotContain("PRIVATE")
                .doesNotContain(HexFormat.of().formatHex(node.privateKey().getEncoded()));
    }

    private static ASN1Primitive extension(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier oid)
            throws Exception {
        byte[] wrapped = certificate.getExtensionValue(oid.getId());
        assertThat(wrapped).as(oid.getId()).isNotNull();
        return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
    }
}
