package nl.bronsein.devpki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes X.509 certificates ({@code -----BEGIN CERTIFICATE-----}) and PKCS#8 private keys
 * ({@code -----BEGIN PRIVATE KEY-----}, unencrypted) as PEM: the layout that Spring Boot's PEM SSL bundles,
 * OpenSSL and most TLS stacks load directly.
 *
 * <p>Parsed certificates and keys are plain JDK objects (JDK {@code CertificateFactory}/{@code KeyFactory}):
 * no BouncyCastle provider is registered or needed.
 *
 * <p>Errors: I/O problems surface as {@link UncheckedIOException}, content that is not what was asked for as
 * {@link IllegalArgumentException}. Files are written atomically where the file system allows it (temporary file in
 * the same directory, then a move); private-key files are readable by their owner only on POSIX file systems.
 */
public final class PemFiles {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private PemFiles() {
    }

    // ---- to text -------------------------------------------------------------------------------------------------

    /** PEM text of the certificates, in the given order (for a chain: leaf first). */
    public static String toPem(List<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(new PemObject(CERTIFICATE, encoded(certificate)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a StringWriter
        }
        return text.toString();
    }

    /** PEM text of the certificates, in the given order (for a chain: leaf first). */
    public static String toPem(X509Certificate... certificates) {
        return toPem(Arrays.asList(certificates));
    }

    /** Unencrypted PKCS#8 PEM text ({@code -----BEGIN PRIVATE KEY-----}) of the key. */
    public static String toPem(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!"PKCS#8".equalsIgnoreCase(privateKey.getFormat()) || privateKey.getEncoded() == null) {
            throw new IllegalArgumentException("private key is not PKCS#8-encodable (format " + privateKey.getFormat() + ")");
        }
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(PRIVATE_KEY, privateKey.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    // ---- from text -----------------------------------------------------------------------------------------------

    /** All certificates in the PEM text, in file order; other PEM objects are ignored. At least one is required. */
    public static List<X509Certificate> parseCertificates(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not valid PEM certificate content: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no -----BEGIN CERTIFICATE----- block found");
        }
        return List.copyOf(certificates);
    }

    /**
     * The private key in the PEM text. Accepts PKCS#8 ({@code BEGIN PRIVATE KEY}) and, for convenience, the
     * traditional OpenSSL forms ({@code BEGIN EC PRIVATE KEY}, {@code BEGIN RSA PRIVATE KEY}); encrypted keys are
     * not supported. Exactly one key is expected; certificates in the same text are ignored.
     */
    public static PrivateKey parsePrivateKey(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<PrivateKeyInfo> keys = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    keys.add(info);
                } else if (object instanceof PEMKeyPair pair) {
                    keys.add(pair.getPrivateKeyInfo());
                } else if (!(object instanceof X509CertificateHolder)) {
                    throw new IllegalArgumentException("unsupported PEM object " + object.getClass().getSimpleName()
                            + " (encrypted keys are not supported)");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getCause() == null) {
                throw iae;
            }
            throw new IllegalArgumentException("not valid PEM private key content: " + e.getMessage(), e);
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("expected exactly one private key, found " + keys.size());
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(keys.get(0));
        } catch (IOException e) {
            throw new IllegalArgumentException("unsupported private key: " + e.getMessage(), e);
        }
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    /** Writes the certificates (leaf first for a chain) to the file, replacing it. Parent directories are created. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        writeAtomically(file, toPem(certificates), false);
    }

    /** Writes the certificates (leaf first for a chain) to the file, replacing it. Parent directories are created. */
    public static void writeCertificates(Path file, X509Certificate... certificates) {
        writeCertificates(file, Arrays.asList(certificates));
    }

    /** Writes the key as unencrypted PKCS#8 PEM, replacing the file; owner-only permissions on POSIX. */
    public static void writePrivateKey(Path file, PrivateKey privateKey) {
        writeAtomically(file, toPem(privateKey), true);
    }

    /** All certificates in the file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) {
        String pem = read(file);
        try {
            return parseCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The first certificate in the file (for a chain file: the leaf). */
    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    /** The private key in the file; see {@link #parsePrivateKey(String)} for the accepted forms. */
    public static PrivateKey readPrivateKey(Path file) {
        String pem = read(file);
        try {
            return parsePrivateKey(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private static byte[] encoded(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a file all at once (temporary file, then an atomic move), so a reader never sees half of it; a secret is
     * owner-only, anything else world-readable. Also used for the other files of a local network.
     */
    public static void writeAtomically(Path file, String content, boolean secret) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            // On POSIX createTempFile makes an owner-only (rw-------) file, so a key is never readable by others.
            temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            if (!secret && isPosix(temporary)) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
