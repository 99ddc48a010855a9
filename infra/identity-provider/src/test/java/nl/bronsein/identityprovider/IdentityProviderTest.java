package nl.bronsein.identityprovider;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import nl.bronsein.devpki.DevStaffIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The identity provider as a node and a browser meet it: started on a free port with a fresh data directory, then the
 * authorization code flow with PKCE over real HTTP ({@link DevSignIn}), the tokens verified against its JWKS.
 */
class IdentityProviderTest {

    private static final String GP = "urn:nld:kvk:12345678";
    private static final String MUNICIPALITY = "urn:nld:oin:00000001001234567000";
    private static final int GP_STAFF_PORT = 18080;
    private static final String GP_REDIRECT = "http://127.0.0.1:" + GP_STAFF_PORT + "/login/oauth2/code/staff";

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext idp;
    private static String issuer;
    private static DevCredentials credentials;
    private static JwtDecoder jwks;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        idp = new SpringApplicationBuilder(IdentityProviderApplication.class).run(
                "--server.port=" + port,
                "--bronsein.idp.data-dir=" + dataDir,
                "--bronsein.idp.nodes[0].client-id=gp", "--bronsein.idp.nodes[0].kind=GP_PRACTICE",
                "--bronsein.idp.nodes[0].participant=" + GP, "--bronsein.idp.nodes[0].staff-port=" + GP_STAFF_PORT,
                "--bronsein.idp.nodes[1].client-id=municipality", "--bronsein.idp.nodes[1].kind=MUNICIPALITY",
                "--bronsein.idp.nodes[1].participant=" + MUNICIPALITY, "--bronsein.idp.nodes[1].staff-port=18081");
        issuer = "http://127.0.0.1:" + port;
        credentials = DevCredentials.read(dataDir);
        jwks = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    private static String password(String username) {
        return credentials.user(username).orElseThrow().password();
    }

    @Test
    void discoveryNamesTheIssuerAndRequiresNothingButS256() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);

        assertThat(browser.discovery().get("issuer").asString()).isEqualTo(issuer);
        assertThat(browser.discovery().get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(browser.discovery().get("end_session_endpoint").asString()).isEqualTo(issuer + "/connect/logout");
        assertThat(browser.discovery().get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void aGpSignsInAtTheGpNodeWithPkceAndGetsHisRoleInBothTokens() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);
        String nonce = UUID.randomUUID().toString();

        DevSignIn.Tokens tokens = browser.signIn("gp", credentials.clientSecret("gp"), GP_REDIRECT, "gp.huisarts",
                password("gp.huisarts"), nonce);

        Jwt id = jwks.decode(tokens.idToken());
        assertThat(id.getIssuer().toString()).isEqualTo(issuer);
        assertThat(id.getSubject()).isEqualTo("gp.huisarts");
        assertThat(id.getAudience()).containsExactly("gp");
        assertThat(id.getClaimAsStringList("roles")).containsExactly("GP");
        assertThat(id.getClaimAsString("name")).isEqualTo("Anna Linde (huisarts)");
        assertThat(id.getClaimAsString("nonce")).isEqualTo(nonce);

        Jwt access = jwks.decode(tokens.accessToken());
        assertThat(access.getIssuer().toString()).isEqualTo(issuer);
        assertThat(access.getSubject()).isEqualTo("gp.huisarts");
        assertThat(access.getAudience()).contains(GP);
        assertThat(access.getClaimAsStringList("roles")).containsExactly("GP");
        assertThat(Duration.between(access.getIssuedAt(), access.getExpiresAt())).isPositive()
                .isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(tokens.expiresIn()).isBetween(1L, 3600L);
        // no personal data beyond the display name: the access token carries no name
        assertThat(access.getClaims()).doesNotContainKey("name");

        // signed with the network's staff-issuer key, under the kid the launcher's development tokens carry
        DevStaffIssuer staffIssuer = DevStaffIssuer.loadOrGenerate(dataDir.resolve("staff-issuer.pub"),
                dataDir.resolve("staff-issuer.key"));
        assertThat(access.getHeaders()).containsEntry("kid", staffIssuer.keyId());
        Jwt minted = jwks.decode(staffIssuer.token(issuer, "dev-staff-gp", GP, List.of("GP"), Duration.ofMinutes(5)));
        assertThat(minted.getSubject()).isEqualTo("dev-staff-gp");

        // the session cookie is the IdP's own, not the JSESSIONID a node on the same host uses
        assertThat(browser.cookieNames()).contains("BRONSEIN_IDP").doesNotContain("JSESSIONID");

        // a refresh token gives a new access token with the same claims
        DevSignIn.Tokens refreshed = DevSignIn.tokens(browser.token("gp", credentials.clientSecret("gp"),
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken())));
        Jwt again = jwks.decode(refreshed.accessToken());
        assertThat(again.getClaimAsStringList("roles")).containsExactly("GP");
        assertThat(again.getAudience()).contains(GP);

        // RP-initiated logout, with the ID token the refresh gave (it replaced the first), sends the browser back to the
        // node's staff pages
        assertThat(refreshed.idToken()).isNotNull();
        String staffPages = "http://127.0.0.1:" + GP_STAFF_PORT + "/";
        HttpResponse<String> logout = browser.browse(URI.create(browser.discovery().get("end_session_endpoint")
                .asString() + "?id_token_hint=" + refreshed.idToken() + "&post_logout_redirect_uri="
                + URLEncoder.encode(staffPages, StandardCharsets.UTF_8)));
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue(staffPages);
    }

    @Test
    void aMunicipalityUserSigningInAtTheGpNodeGetsNoRoles() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);

        DevSignIn.Tokens tokens = browser.signIn("gp", credentials.clientSecret("gp"), GP_REDIRECT, "gemeente.intake",
                password("gemeente.intake"), "n");

        assertThat(jwks.decode(tokens.idToken()).getClaims()).doesNotContainKey("roles");
        Jwt access = jwks.decode(tokens.accessToken());
        assertThat(access.getSubject()).isEqualTo("gemeente.intake");
        assertThat(access.getClaims()).doesNotContainKey("roles");
    }

    @Test
    void aWrongPasswordGetsTheDutchLoginFormAgainAndNoCode() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);

        assertThatThrownBy(() -> browser.authorize("gp", GP_REDIRECT, "gp.huisarts", "not-the-password",
                DevSignIn.Pkce.create(), "n")).hasMessageContaining("the login form again");
        HttpResponse<String> form = browser.browse(URI.create(issuer + "/login?error"));
        assertThat(form.body()).contains("Aanmelden", "Onbekende gebruikersnaam of onjuist wachtwoord");
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);

        DevSignIn.Callback callback = browser.authorize("gp", GP_REDIRECT, "gp.assistent", password("gp.assistent"),
                null, "n");

        assertThat(callback.error()).isEqualTo("invalid_request");
        assertThat(callback.parameters().get("error_description")).contains("code_challenge");
        assertThat(callback.code()).isNull();
    }

    @Test
    void aCodeIsNotExchangedWithoutItsVerifier() throws Exception {
        DevSignIn browser = DevSignIn.discover(issuer);
        DevSignIn.Callback callback = browser.authorize("gp", GP_REDIRECT, "gp.assistent", password("gp.assistent"),
                DevSignIn.Pkce.create(), "n");
        assertThat(callback.code()).isNotNull();

        HttpResponse<String> response = browser.token("gp", credentials.clientSecret("gp"), Map.of(
                "grant_type", "authorization_code", "code", callback.code(), "redirect_uri", GP_REDIRECT,
                "code_verifier", DevSignIn.Pkce.create().verifier()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_grant");
    }

    @Test
    void theCredentialsFileHasAUserPerRoleOfEachNodeAndKeepsThemAcrossStarts() {
        assertThat(credentials.users("gp")).extracting(DevCredentials.User::username)
                .containsExactly("gp.huisarts", "gp.assistent", "gp.beheer", "gp.privacy");
        assertThat(credentials.users("municipality")).flatExtracting(DevCredentials.User::roles)
                .containsExactly("INTAKE_OFFICER", "WIJKTEAM_MEMBER", "CATALOGUE_EDITOR", "NODE_ADMIN",
                        "PRIVACY_OFFICER");

        DevCredentials again = DevCredentials.loadOrCreate(dataDir, List.of(
                new IdentityProviderProperties.Node("gp", NodeKind.GP_PRACTICE, GP, GP_STAFF_PORT),
                new IdentityProviderProperties.Node("municipality", NodeKind.MUNICIPALITY, MUNICIPALITY, 18081)),
                new SecureRandom());
        assertThat(again).isEqualTo(credentials);
    }
}
