package nl.bronsein.identityprovider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The local network's OpenID Connect provider, for development: a real authorization server (authorization code with
 * PKCE required, refresh tokens, OIDC discovery, JWKS, user info, RP-initiated logout), but with made-up users whose
 * passwords lie in a file. A real organisation brings its own identity provider; the nodes need nothing of this module.
 *
 * <p>Run with Spring properties (the launcher of {@code infra/local-network} does):
 *
 * <pre>
 * java -jar identity-provider.jar --server.port=9000 --bronsein.idp.data-dir=DIR \
 *     [--bronsein.idp.signing-key.public-key=FILE --bronsein.idp.signing-key.private-key=FILE] \
 *     --bronsein.idp.nodes[0].client-id=gp --bronsein.idp.nodes[0].kind=GP_PRACTICE \
 *     --bronsein.idp.nodes[0].participant=urn:nld:kvk:12345678 --bronsein.idp.nodes[0].staff-port=8080 ...
 * </pre>
 *
 * The issuer is {@code http://127.0.0.1:<server.port>}. The client secrets and the users' passwords are made on the first
 * start and kept in {@code DIR/dev-credentials.json} ({@link DevCredentials}); without a signing key the IdP makes one in
 * {@code DIR}.
 */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProviderProperties.class)
public class IdentityProviderApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityProviderApplication.class, args);
    }
}
