package nl.bronsein.runtime.staff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;

/** Verifies staff tokens: signature, time, issuer and audience — a token for another node or from elsewhere is refused. */
final class StaffTokens {

    private StaffTokens() {
    }

    static JwtDecoder decoder(StaffProperties staff) {
        if (staff.issuer() == null || staff.issuer().isBlank()) {
            throw new InvalidNodeConfigurationException("bronsein.staff.issuer", staff.issuer(), "is not set",
                    "set it to the issuer (iss) of your organisation's identity provider, whose tokens the staff API accepts");
        }
        if (staff.audience() == null || staff.audience().isBlank()) {
            throw new InvalidNodeConfigurationException("bronsein.staff.audience", staff.audience(), "is not set",
                    "set it to the audience (aud) your identity provider puts in tokens for this node's staff API");
        }
        NimbusJwtDecoder decoder;
        if (staff.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(staff.jwkSetUri().toString()).build();
        } else if (staff.publicKey() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(staff)).build();
        } else {
            throw new InvalidNodeConfigurationException("bronsein.staff.jwk-set-uri", null, "is not set, nor "
                    + "bronsein.staff.public-key", "set jwk-set-uri to your identity provider's signing keys, or public-key"
                    + " to a PEM public key, to verify staff tokens");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(staff.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(staff.audience()))));
        return decoder;
    }

    private static RSAPublicKey publicKey(StaffProperties staff) {
        try {
            String pem = staff.publicKey().getContentAsString(StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new InvalidNodeConfigurationException("bronsein.staff.public-key", staff.publicKey(), "cannot be read",
                    "point it at a readable PEM public key", e);
        } catch (Exception e) {
            throw new InvalidNodeConfigurationException("bronsein.staff.public-key", staff.publicKey(),
                    "is not an RSA public key in PEM", "point it at the identity provider's RSA public key (PEM)", e);
        }
    }
}
