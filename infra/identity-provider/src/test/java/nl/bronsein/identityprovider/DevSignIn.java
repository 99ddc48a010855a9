package nl.bronsein.identityprovider;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member of staff signing in at the identity provider the way a browser and a node's OAuth2 client do, over real HTTP
 * with {@link HttpClient} alone: discovery, the authorization request with PKCE, the login form with its CSRF token,
 * the redirect back with the code, and the node's token request. One instance is one browser (its own cookies).
 * Shared, through this module's test jar, with the local network's launch test.
 */
public final class DevSignIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final int MAX_REDIRECTS = 10;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonNode discovery;

    private DevSignIn(JsonNode discovery) {
        this.discovery = discovery;
    }

    /** Reads the provider's OpenID configuration from {@code issuer/.well-known/openid-configuration}. */
    public static DevSignIn discover(String issuer) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("discovery answered " + response.statusCode() + ": " + response.body());
        }
        return new DevSignIn(JSON.readTree(response.body()));
    }

    public JsonNode discovery() {
        return discovery;
    }

    /** The names of the cookies this browser holds. */
    public List<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
    }

    /** A PKCE verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The query parameters the provider sent the browser back to the client with: a code, or an error. */
    public record Callback(Map<String, String> parameters) {
        public String code() {
            return parameters.get("code");
        }

        public String error() {
            return parameters.get("error");
        }
    }

    /** The token endpoint's answer to a successful request. */
    public record Tokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
    }

    /** The whole flow with PKCE: signs in and exchanges the code, as a node does. */
    public Tokens signIn(String clientId, String clientSecret, String redirectUri, String username, String password,
                         String nonce) throws IOException, InterruptedException {
        Pkce pkce = Pkce.create();
        Callback callback = authorize(clientId, redirectUri, username, password, pkce, nonce);
        if (callback.code() == null) {
            throw new IllegalStateException("no code: " + callback.parameters());
        }
        HttpResponse<String> response = token(clientId, clientSecret, Map.of("grant_type", "authorization_code",
                "code", callback.code(), "redirect_uri", redirectUri, "code_verifier", pkce.verifier()));
        return tokens(response);
    }

    /**
     * The authorization request (with {@code pkce}'s challenge unless it is null), the login form if the provider shows
     * it, and the redirects that follow, until the provider sends the browser to {@code redirectUri}.
     */
    public Callback authorize(String clientId, String redirectUri, String username, String password, Pkce pkce,
                              String nonce) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid profile");
        query.put("state", Pkce.create().verifier());
        query.put("nonce", nonce);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        URI next = URI.create(discovery.get("authorization_endpoint").asString() + "?" + form(query));
        boolean loggedIn = false;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            if (next.toString().startsWith(redirectUri)) {
                return new Callback(parse(next.getRawQuery()));
            }
            HttpResponse<String> response = http.send(browser(next).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("name=\"username\"")) {
                if (loggedIn) {
                    throw new IllegalStateException("the login form again: wrong password for " + username + "?");
                }
                response = login(next, response.body(), username, password);
                loggedIn = true;
            }
            if (response.statusCode() / 100 != 3) {
                throw new IllegalStateException(next + " answered " + response.statusCode() + ": " + response.body());
            }
            next = next.resolve(response.headers().firstValue("Location").orElseThrow());
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects");
    }

    /** A GET as this browser (its cookies, no redirect followed): e.g. RP-initiated logout. */
    public HttpResponse<String> browse(URI uri) throws IOException, InterruptedException {
        return http.send(browser(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(URI page, String html, String username, String password)
            throws IOException, InterruptedException {
        Matcher csrf = CSRF.matcher(html);
        Matcher action = FORM_ACTION.matcher(html);
        if (!csrf.find() || !action.find()) {
            throw new IllegalStateException("a login form without a CSRF token or action: " + html);
        }
        return http.send(browser(page.resolve(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the token endpoint as a confidential client (HTTP Basic). */
    public HttpResponse<String> token(String clientId, String clientSecret, Map<String, String> parameters)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(discovery.get("token_endpoint")
                                .asString()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The tokens of a 200 answer of the token endpoint. */
    public static Tokens tokens(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the token endpoint answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return new Tokens(body.get("access_token").asString(), body.has("id_token") ? body.get("id_token").asString()
                : null, body.has("refresh_token") ? body.get("refresh_token").asString() : null,
                body.get("expires_in").asLong());
    }

    private static HttpRequest.Builder browser(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "text/html");
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
