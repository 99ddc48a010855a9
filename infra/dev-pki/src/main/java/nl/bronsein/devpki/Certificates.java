package nl.bronsein.devpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate building shared by {@link DevCertificateAuthority} and {@link NodeCredentials}. BouncyCastle does the
 * ASN.1; keys, signatures and the resulting {@link X509Certificate} objects come from the JDK's own providers, so no
 * BouncyCastle provider is installed.
 */
final class Certificates {

    private Certificates() {
    }

    static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is not available", e);
        }
    }

    /** Subject of a node certificate: C=NL, O=organisation, serialNumber=OIN/KvK, CN=organisation. */
    static X500Name nodeSubject(NodeCertificateRequest request) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "NL")
                .addRDN(BCStyle.O, request.organisationName())
                .addRDN(BCStyle.SERIALNUMBER, request.serialNumber())
                .addRDN(BCStyle.CN, request.organisationName())
                .build();
    }

    static X500Name caSubject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "NL")
                .addRDN(BCStyle.O, "Bronsein development")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * An end-entity certificate for {@code request}'s subject and {@code subjectKey}. With {@code issuer} null it is
     * self-signed (issuer name = subject, signed by {@code signingKey}, which must then belong to {@code subjectKey}).
     */
    static X509Certificate node(NodeCertificateRequest request, PublicKey subjectKey, X509Certificate issuer,
                                PrivateKey signingKey) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name subject = nodeSubject(request);
            Date notBefore = Date.from(request.notBefore());
            Date notAfter = Date.from(request.notAfter());
            X509v3CertificateBuilder builder = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, randomSerial(), notBefore, notAfter, subject, subjectKey)
                    : new JcaX509v3CertificateBuilder(issuer, randomSerial(), notBefore, notAfter, subject, subjectKey);
            int keyUsage = KeyUsage.digitalSignature;
            if ("EC".equals(subjectKey.getAlgorithm())) {
                keyUsage |= KeyUsage.keyAgreement;
            } else if ("RSA".equals(subjectKey.getAlgorithm())) {
                keyUsage |= KeyUsage.keyEncipherment;
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                            ? extensions.createAuthorityKeyIdentifier(subjectKey)
                            : extensions.createAuthorityKeyIdentifier(issuer));
            List<GeneralName> names = new ArrayList<>();
            request.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            request.ipAddresses().forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return sign(builder, signingKey);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build node certificate: " + e.getMessage(), e);
        }
    }

    /** True if {@code privateKey} is the counterpart of {@code publicKey} (checked by signing and verifying). */
    static boolean keysMatch(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            String algorithm = signatureAlgorithm(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }

    /** Random positive 158-bit serial: 157 random bits and the top bit set; fits the 20-octet limit of RFC 5280. */
    static BigInteger randomSerial() {
        return new BigInteger(158, new SecureRandom()).setBit(157);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(signingKey))
                    .setSecureRandom(new SecureRandom())
                    .build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create signer: " + e.getMessage(), e);
        }
    }
}
