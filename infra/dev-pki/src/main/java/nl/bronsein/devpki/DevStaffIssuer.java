package nl.bronsein.devpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A development identity provider for the nodes' staff APIs: one RSA key that signs JWTs for staff with roles, and its
 * public key as PEM for a node's {@code bronsein.staff.public-key}. For the local network and tests only; a real node
 * trusts its organisation's identity provider.
 */
public final class DevStaffIssuer {

    /** The issuer every development token names. */
    public static final String ISSUER = "https://dev-issuer.bronsein.localhost";

    /**
     * How long the development tokens written for people to try a network with live: longer than a real identity
     * provider's, so a network left running keeps working; the nodes that accept them are told so
     * ({@code bronsein.staff.max-token-lifetime}).
     */
    public static final Duration DEVELOPMENT_TOKEN_VALIDITY = Duration.ofDays(30);

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private DevStaffIssuer(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static DevStaffIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevStaffIssuer((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads an issuer written by {@link #writeTo}, or generates and writes one: a second start keeps its tokens valid. */
    public static DevStaffIssuer loadOrGenerate(Path publicKeyFile, Path privateKeyFile) {
        if (Files.exists(publicKeyFile) && Files.exists(privateKeyFile)) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(der(Files.readString(privateKeyFile))));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new X509EncodedKeySpec(der(Files.readString(publicKeyFile))));
                return new DevStaffIssuer(privateKey, publicKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalStateException("not an RSA key pair: " + publicKeyFile + ", " + privateKeyFile, e);
            }
        }
        DevStaffIssuer issuer = generate();
        issuer.writeTo(publicKeyFile, privateKeyFile);
        return issuer;
    }

    public void writeTo(Path publicKeyFile, Path privateKeyFile) {
        PemFiles.writeAtomically(publicKeyFile, pem("PUBLIC KEY", publicKey.getEncoded()), false);
        PemFiles.writeAtomically(privateKeyFile, pem("PRIVATE KEY", privateKey.getEncoded()), true);
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), what a node verifies staff tokens with. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * The key pair as a JWK, its {@code kid} the key's RFC 7638 thumbprint: stable for the key, so the local network's
     * identity provider publishes it at its JWKS under the same id that {@link #sign} puts in every token's header, and
     * tokens of either verify with the one key.
     */
    public RSAKey jwk() {
        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(keyId()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
    }

    /** The key's id: its RFC 7638 thumbprint (SHA-256, base64url). */
    public String keyId() {
        try {
            return new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }

    /** A signed token for a member of staff with these roles, for this audience (a node's staff API). */
    public String token(String subject, String audience, List<String> roles, Duration validity) {
        return token(ISSUER, subject, audience, roles, validity);
    }

    /** A token naming any issuer: for tests that a node refuses tokens of another issuer. */
    public String token(String issuer, String subject, String audience, List<String> roles, Duration validity) {
        return sign(claims(issuer, subject, audience, roles, validity).build());
    }

    /** The claims {@link #token} signs, for a test to change one of them before {@link #sign signing}. */
    public static JWTClaimsSet.Builder claims(String issuer, String subject, String audience, List<String> roles,
                                              Duration validity) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(audience).claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(validity))).jwtID(UUID.randomUUID().toString());
    }

    /** Any claims, signed with this issuer's key: for tests of what a node refuses in a well-signed token. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a development token", e);
        }
        return jwt.serialize();
    }

    /**
     * {@code DevStaffIssuer <public key> <private key> [<audience> <token file> <ROLE,ROLE...>]...}: ensures the issuer's
     * key pair, and writes a token (valid 30 days) per audience — for a compose network or any other development setup.
     */
    public static void main(String[] args) {
        if (args.length < 2 || (args.length - 2) % 3 != 0) {
            System.err.println("usage: DevStaffIssuer PUBLIC_KEY PRIVATE_KEY [AUDIENCE TOKEN_FILE ROLE,ROLE...]...");
            System.exit(2);
        }
        DevStaffIssuer issuer = loadOrGenerate(Path.of(args[0]), Path.of(args[1]));
        for (int i = 2; i < args.length; i += 3) {
            PemFiles.writeAtomically(Path.of(args[i + 1]), issuer.token("dev-staff", args[i],
                    List.of(args[i + 2].split(",")), DEVELOPMENT_TOKEN_VALIDITY) + "\n", true);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }
}
