package nl.bronsein.runtime.staff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import nl.bronsein.runtime.config.InvalidNodeConfigurationException;

/**
 * Verifies staff tokens as an identity provider issues them: signature, issuer, audience, a subject (the audit names
 * who), an expiry no further away than {@code bronsein.staff.max-token-lifetime} (a stolen token must not serve for
 * years), and roles as a JSON array — a token that differs is refused, not read generously.
 */
final class StaffTokens {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

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
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(staff.issuer()),
                time,
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(staff.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()),
                lifetimeAtMost(staff.maxTokenLifetime()),
                rolesAbsentOrArrayOfStrings(staff.rolesClaim()))));
        return decoder;
    }

    /**
     * From iat, or from now for a token without one or that claims to be issued later; with the minute of clock skew
     * {@link JwtTimestampValidator} allows, so an identity provider whose clock runs ahead is not refused.
     */
    private static OAuth2TokenValidator<Jwt> lifetimeAtMost(Duration max) {
        return jwt -> {
            Instant now = Instant.now();
            Instant issued = jwt.getIssuedAt() == null || jwt.getIssuedAt().isAfter(now) ? now : jwt.getIssuedAt();
            if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(issued.plus(max).plus(CLOCK_SKEW))) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "the token lives longer than " + max, null));
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /**
     * No roles is a member of staff without a task here (403); roles in another shape is a token we do not read (401).
     * Not Spring's JwtClaimValidator, which fails a token that lacks the claim: the identity provider leaves it out for
     * a user of another organisation, who was then told their token was invalid instead of that it gives no task here.
     */
    private static OAuth2TokenValidator<Jwt> rolesAbsentOrArrayOfStrings(String claim) {
        return jwt -> {
            Object roles = jwt.getClaims().get(claim);
            if (roles == null || roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "the " + claim + " claim is not a list of role names", null));
        };
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
