package nl.bronsein.identityprovider;

import java.nio.file.Path;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the identity provider serves ({@code bronsein.idp.*}).
 *
 * @param dataDir    where the client secrets and passwords are kept ({@code dev-credentials.json}), and a signing key
 *                   when none is given
 * @param signingKey the RSA key pair that signs the tokens, as PEM files; the local network's staff-issuer key
 * @param nodes      one OAuth2 client per node, with a development user per staff role of its kind
 */
@Validated
@ConfigurationProperties("bronsein.idp")
record IdentityProviderProperties(@NotNull Path dataDir, SigningKey signingKey, @NotEmpty List<@Valid Node> nodes) {

    IdentityProviderProperties {
        signingKey = signingKey == null ? new SigningKey(null, null) : signingKey;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** PEM files: X.509 SubjectPublicKeyInfo and PKCS#8, as {@code nl.bronsein.devpki.DevStaffIssuer} writes them. */
    record SigningKey(Path publicKey, Path privateKey) {

        Path publicKeyOr(Path dataDir) {
            return publicKey == null ? dataDir.resolve("staff-issuer.pub") : publicKey;
        }

        Path privateKeyOr(Path dataDir) {
            return privateKey == null ? dataDir.resolve("staff-issuer.key") : privateKey;
        }
    }

    /**
     * A node that signs its staff in here.
     *
     * @param clientId    its OAuth2 client id, the participant's stem ({@code gp}, {@code municipality})
     * @param kind        what kind of participant it is, which decides its users and their roles
     * @param participant its participant URN: the audience of its access tokens ({@code bronsein.staff.audience})
     * @param staffPort   the port of its staff pages, where sign-in returns to
     */
    record Node(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*") String clientId, @NotNull NodeKind kind,
                @NotBlank String participant, @Min(1) @Max(65535) int staffPort) {
    }
}
