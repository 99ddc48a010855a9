package nl.bronsein.identityprovider;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import nl.bronsein.devpki.DevStaffIssuer;

/**
 * The authorization server: its protocol endpoints, the login form, a confidential client per node (authorization code
 * with PKCE required, refresh tokens), the development users, and the network's staff-issuer key as its only signing key.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /**
     * Within the hour the brief allows, and far below a node's {@code bronsein.staff.max-token-lifetime}: a page that
     * outlives it gets a new one with the refresh token, without the member of staff signing in again.
     */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(30);
    /** A working day: sign in once in the morning. */
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(9);

    /** The protocol endpoints; a browser that must sign in first is sent to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the user info endpoint takes the access token as a bearer token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** Everything else: the login form ({@link LoginPage}), which is all a person sees of this server. */
    @Bean
    @Order(2)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").permitAll());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${server.port}") int port) {
        if (port <= 0) {
            throw new IllegalArgumentException("server.port must be a fixed port, not " + port + ": the issuer "
                    + "http://127.0.0.1:<server.port> is configured in the nodes before they start");
        }
        return AuthorizationServerSettings.builder().issuer(issuer(port)).build();
    }

    /** The issuer the nodes are told: 127.0.0.1, where the browser and every node reach this server. */
    static String issuer(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Bean
    DevStaffIssuer signingKey(IdentityProviderProperties properties) {
        IdentityProviderProperties.SigningKey key = properties.signingKey();
        return DevStaffIssuer.loadOrGenerate(key.publicKeyOr(properties.dataDir()),
                key.privateKeyOr(properties.dataDir()));
    }

    /** The one signing key, under the id the launcher's development tokens carry too. */
    @Bean
    JWKSource<SecurityContext> jwkSource(DevStaffIssuer signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey.jwk()));
    }

    @Bean
    DevCredentials devCredentials(IdentityProviderProperties properties) {
        return DevCredentials.loadOrCreate(properties.dataDir(), properties.nodes(), new SecureRandom());
    }

    /**
     * BCrypt for the users' passwords and the client secrets alike (the stored form names its encoder), at the lowest
     * cost: the plain passwords lie in a file beside it, so a costly hash protects nothing, and at the default cost the
     * fifteen hashes made at every start took seconds of a test on a loaded machine.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
    }

    @Bean
    UserDetailsService users(DevCredentials credentials, PasswordEncoder passwords) {
        return new InMemoryUserDetailsManager(credentials.users().stream()
                .map(user -> User.withUsername(user.username()).password(passwords.encode(user.password()))
                        .authorities("ROLE_STAFF").build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients(IdentityProviderProperties properties, DevCredentials credentials,
                                       PasswordEncoder passwords) {
        List<RegisteredClient> clients = properties.nodes().stream()
                .map(node -> client(node, passwords.encode(credentials.clientSecret(node.clientId()))))
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * A node's client. Its redirect URIs are those of Spring Security's OAuth2 client under the registration id
     * {@code staff}, on 127.0.0.1 and on localhost: a developer may open the staff pages under either name.
     */
    static RegisteredClient client(IdentityProviderProperties.Node node, String encodedSecret) {
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.nameUUIDFromBytes(node.clientId().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(node.clientId())
                .clientSecret(encodedSecret)
                .clientName(node.participant())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME).reuseRefreshTokens(false).build());
        for (String host : List.of("127.0.0.1", "localhost")) {
            String base = "http://" + host + ":" + node.staffPort();
            client.redirectUri(base + "/login/oauth2/code/staff").postLogoutRedirectUri(base + "/");
        }
        return client.build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> staffClaims(IdentityProviderProperties properties,
                                                          DevCredentials credentials) {
        return new StaffClaims(properties.nodes(), credentials);
    }
}
