package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.micrometer.core.instrument.MeterRegistry;
import nl.bronsein.devpki.DevCertificateAuthority;
import nl.bronsein.devpki.NodeCertificateRequest;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.audit.AuditOutcome;
import nl.bronsein.runtime.audit.AuditRecord;
import nl.bronsein.runtime.audit.AuditTrail;
import nl.bronsein.runtime.metrics.RuntimeMetrics;
import tools.jackson.core.type.TypeReference;

/**
 * The owner refuses every certificate it should, and every refusal is an audit row at the owner — also those the TLS
 * handshake refuses before any request exists, written within the interval even in a burst. Against the GP's node over
 * real mutual TLS, for a referral to the municipality: certificates that are expired, not yet valid, self-signed or
 * from another CA; listed participants that are not involved or whose role may not use the purpose, among them a second
 * GP practice; a participant trying to pass as another by header, query parameter or path; a table of every kind of
 * request the door refuses, each exactly one row; and, last, a participant removed from the participant list. Only the
 * GP runs: the others are their certificates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateRefusalTest {

    /** A second GP practice, listed at the GP's node: a GP_PRACTICE certificate that is not this referral's business. */
    private static final String OTHER_GP = "urn:nld:kvk:23456789";
    /** How often the GP writes the refused handshakes it counted ({@code bronsein.refused-handshakes.interval}). */
    private static final Duration REFUSALS_WRITTEN_EVERY = Duration.ofSeconds(1);
    /** Rows written after the answer (Tomcat's own refusals, Spring MVC's flushed ones) arrive this soon after it. */
    private static final Duration ROW_PATIENCE = Duration.ofSeconds(10);

    private TestNetwork network;
    private NodeCredentials otherGp;
    private String referralId;

    @BeforeAll
    void startTheGpWithAReferralToTheMunicipality() throws IOException {
        network = new TestNetwork();
        otherGp = network.ca.issue(NodeCertificateRequest.of("Huisartsenpraktijk Het Anker", "23456789"));
        Path withOtherGp = participantList("participants-with-other-gp.json", entries -> {
            entries.add(Map.of("id", OTHER_GP, "role", "GP_PRACTICE", "name", "Huisartsenpraktijk Het Anker", "nodeUrl",
                    "https://localhost:" + TestNetwork.freePort(), "certificateSha256", otherGp.sha256Fingerprint()));
            return entries;
        });
        startGpOn(withOtherGp);
        HttpResponse<String> posted = network.staffPost(Participants.GP, "/api/v1/referrals",
                Referrals.deVriesJson(Participants.MUNICIPALITY.urn, List.of("intake", "referral-feedback")));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        referralId = TestNetwork.JSON.readTree(posted.body()).path("id").asString();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    Stream<Arguments> certificatesNoTrustedCaVouchesForNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // each claims to be the municipality, the referral's addressee, by its OIN
        NodeCertificateRequest municipality = NodeCertificateRequest.of(Participants.MUNICIPALITY.organisation,
                Participants.MUNICIPALITY.number());
        return Stream.of(
                Arguments.of("expired", network.ca.issue(municipality.withValidity(now.minus(Duration.ofDays(400)),
                        now.minus(Duration.ofDays(1)))), "certificate expired"),
                Arguments.of("not yet valid", network.ca.issue(municipality.withValidity(now.plus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(400)))), "certificate not yet valid"),
                Arguments.of("self-signed", NodeCredentials.selfSigned(municipality), "self-signed certificate"),
                Arguments.of("signed by an unknown CA",
                        DevCertificateAuthority.generate("Some other CA").issue(municipality), "untrusted issuer"),
                // another key under the network CA's very name: a forgery, refused for its signature
                Arguments.of("signed by another key in the network CA's name",
                        DevCertificateAuthority.generate("Bronsein test CA").issue(municipality), "untrusted issuer"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("certificatesNoTrustedCaVouchesForNow")
    void aCertificateNoTrustedCaVouchesForNowIsRefusedInTheHandshakeAndAudited(String what, NodeCredentials presented,
                                                                              String reason) {
        int before = gpAudit().all().size();

        refuseHandshake(presented);

        // written by the next interval, not at the handshake: that never waits for the database
        List<AuditRecord> added = await().atMost(REFUSALS_WRITTEN_EVERY.plus(ROW_PATIENCE))
                .until(() -> added(before), rows -> !rows.isEmpty());
        assertThat(added).singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo("untrusted:" + presented.sha256Fingerprint());
            assertThat(a.outcome()).isEqualTo(AuditOutcome.UNTRUSTED_CERTIFICATE);
            assertThat(a.reason()).startsWith(reason + "; refused ")
                    .contains("; claims " + Participants.MUNICIPALITY.number() + "; ");
            assertThat(a.objectType()).isNull(); // the handshake never got as far as a request
            assertThat(a.status()).isNull();
        });
    }

    /**
     * A certificate refused again within a minute, in a burst, and others with it: before, its first refusal was a row
     * and the burst was "counted into its next row", which never came — at the GP a burst wrote nothing.
     */
    @Test
    @Order(2)
    void aBurstOfRefusedHandshakesIsWrittenWithinTheIntervalOneRowPerCertificateWithItsCount() {
        NodeCredentials expired = network.ca.issue(NodeCertificateRequest.of("Gemeente Zwolle",
                Participants.MUNICIPALITY.number()).withValidity(Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1))));
        int beforeFirst = gpAudit().all().size();
        refuseHandshake(expired);
        await().atMost(REFUSALS_WRITTEN_EVERY.plus(ROW_PATIENCE)).until(() -> added(beforeFirst), rows -> !rows.isEmpty());
        List<NodeCredentials> others = Stream.generate(() -> NodeCredentials.selfSigned(NodeCertificateRequest.of(
                "Gemeente Zwolle", Participants.MUNICIPALITY.number()))).limit(3).toList();
        int before = gpAudit().all().size();
        double refusedBefore = refusedHandshakes("expired");

        for (int i = 0; i < 5; i++) {
            refuseHandshake(expired);
        }
        others.forEach(this::refuseHandshake);
        // the JDK's client tries a failed handshake of a GET again: the count is what the trust manager refused
        long refusals = Math.round(refusedHandshakes("expired") - refusedBefore);
        assertThat(refusals).isGreaterThanOrEqualTo(5);

        List<AuditRecord> added = await().atMost(REFUSALS_WRITTEN_EVERY.plus(ROW_PATIENCE))
                .until(() -> added(before), rows -> rows.size() >= 4);
        assertThat(added).extracting(AuditRecord::caller).containsExactlyInAnyOrderElementsOf(Stream.concat(
                Stream.of(expired), others.stream()).map(c -> "untrusted:" + c.sha256Fingerprint()).toList());
        assertThat(added).filteredOn(a -> a.caller().equals("untrusted:" + expired.sha256Fingerprint()))
                .singleElement().extracting(AuditRecord::reason).asString()
                .startsWith("certificate expired; refused " + refusals + " times; claims "
                        + Participants.MUNICIPALITY.number());
    }

    private double refusedHandshakes(String reason) {
        return network.gp.getBean(MeterRegistry.class).counter(RuntimeMetrics.HANDSHAKES_REFUSED, "reason", reason).count();
    }

    private void refuseHandshake(NodeCredentials presented) {
        assertThatThrownBy(() -> TestNetwork.send(presenting(presented), HttpRequest.newBuilder(
                gpUri("/network/v1/objects/referral/" + referralId + "?purpose=intake")).GET().build()))
                .hasRootCauseInstanceOf(SSLException.class);
    }

    @Test
    @Order(3)
    void aListedParticipantThatIsNotInvolvedOrWhoseRoleMayNotUseThePurposeGetsNothingAndIsAudited() {
        NodeCredentials provider = network.credentials.get(Participants.PROVIDER);
        assertRefused(() -> pullAs(provider, "intake"), notInvolved(Participants.PROVIDER.urn));
        assertRefused(() -> pullAs(otherGp, "intake"), notInvolved(OTHER_GP));
        assertRefused(() -> pullAs(otherGp, "referral-feedback"), notInvolved(OTHER_GP));
        // the addressee itself, for a provider's purpose
        assertRefused(() -> pullAs(network.credentials.get(Participants.MUNICIPALITY), "care-delivery"),
                new Refusal(403, Participants.MUNICIPALITY.urn, AuditOutcome.PURPOSE_NOT_ALLOWED,
                        "purpose care-delivery is not allowed for MUNICIPALITY on referral"));
    }

    @Test
    @Order(4)
    void nobodyPassesAsAnotherParticipantByHeaderQueryOrPath() {
        NodeCredentials provider = network.credentials.get(Participants.PROVIDER);
        String addressee = Participants.MUNICIPALITY.urn;
        String object = "/network/v1/objects/referral/" + referralId;
        // the municipality's real certificate, as a TLS-terminating proxy would pass it on
        String forwarded = certificateHeader(network.credentials.get(Participants.MUNICIPALITY));

        assertRefused(() -> request(provider, object + "?purpose=intake", "X-Participant-Id", addressee,
                "X-Bronsein-Caller", addressee, "X-Forwarded-Client-Cert", "Cert=" + forwarded,
                "X-SSL-Client-Cert", forwarded, "Forwarded", "for=" + addressee), notInvolved(Participants.PROVIDER.urn));
        assertRefused(() -> request(provider, object + "?purpose=intake&caller=" + addressee + "&participant=" + addressee
                + "&participantId=" + addressee), notInvolved(Participants.PROVIDER.urn));
        assertRefused(() -> request(provider, object + ";participant=" + addressee + "?purpose=intake"),
                malformed(Participants.PROVIDER.urn));
        assertRefused(() -> request(provider, "/network/v1/objects/" + addressee + "/../referral/" + referralId
                + "?purpose=intake"), malformed(Participants.PROVIDER.urn));
        // a certificate of the network's CA naming the municipality's OIN, but not the one the list pins for it
        NodeCredentials impostor = network.ca.issue(NodeCertificateRequest.of(Participants.MUNICIPALITY.organisation,
                Participants.MUNICIPALITY.number()));
        assertRefused(() -> request(impostor, object + "?purpose=intake", "X-Participant-Id", addressee),
                unlisted(impostor));
    }

    /**
     * One request at the GP's network door, as a listed participant unless it says otherwise, and the one audit row it
     * must leave: who, the status, the outcome, and of the path only a known object type and an id in its one spelling.
     */
    private record DoorRequest(String what, NodeCredentials as, Supplier<Integer> send, int status, String caller,
                               AuditOutcome outcome, String objectType, String objectId) {

        @Override
        public String toString() {
            return what;
        }
    }

    Stream<DoorRequest> doorRequests() {
        NodeCredentials municipality = network.credentials.get(Participants.MUNICIPALITY);
        NodeCredentials provider = network.credentials.get(Participants.PROVIDER);
        NodeCredentials unlisted = network.ca.issue(NodeCertificateRequest.of("Onbekende Zorg BV", "87654321"));
        String m = Participants.MUNICIPALITY.urn;
        String pull = "/network/v1/objects/referral/" + referralId;
        String history = "/network/v1/notifications";
        return Stream.of(
                new DoorRequest("an allowed pull", municipality, () -> status(municipality, "GET", pull + "?purpose=intake"),
                        200, m, AuditOutcome.ALLOWED, "referral", referralId),
                new DoorRequest("a pull for a purpose the role may not use", municipality,
                        () -> status(municipality, "GET", pull + "?purpose=care-delivery"), 403, m,
                        AuditOutcome.PURPOSE_NOT_ALLOWED, "referral", referralId),
                new DoorRequest("a pull by a participant not involved", provider,
                        () -> status(provider, "GET", pull + "?purpose=intake"), 404, Participants.PROVIDER.urn,
                        AuditOutcome.NOT_INVOLVED, "referral", referralId),
                new DoorRequest("a pull with the object id in upper case", municipality, () -> status(municipality, "GET",
                        "/network/v1/objects/referral/" + referralId.toUpperCase(Locale.ROOT) + "?purpose=intake"), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, "referral", null),
                new DoorRequest("a pull with an object id's leading zeros dropped", municipality, () -> status(municipality,
                        "GET", "/network/v1/objects/referral/" + leadingZerosDropped() + "?purpose=intake"), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, "referral", null),
                new DoorRequest("a history request with a limit out of range", municipality,
                        () -> status(municipality, "GET", history + "?limit=0"), 400, m, AuditOutcome.MALFORMED_REQUEST,
                        "notification-history", null),
                new DoorRequest("a history request with an afterSequence that is no number", municipality,
                        () -> status(municipality, "GET", history + "?afterSequence=x"), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, "notification-history", null),
                new DoorRequest("an allowed history request", municipality, () -> status(municipality, "GET", history),
                        200, m, AuditOutcome.ALLOWED, "notification-history", "after-0"),
                new DoorRequest("a POST to a pull path", municipality,
                        () -> status(municipality, "POST", pull + "?purpose=intake"), 405, m,
                        AuditOutcome.UNSUPPORTED_REQUEST, "referral", referralId),
                new DoorRequest("a DELETE of the history", municipality, () -> status(municipality, "DELETE", history), 405,
                        m, AuditOutcome.UNSUPPORTED_REQUEST, "notification-history", null),
                new DoorRequest("a pull accepting only XML", municipality,
                        () -> status(municipality, "GET", pull + "?purpose=intake", "Accept", "application/xml"), 406, m,
                        AuditOutcome.UNSUPPORTED_REQUEST, "referral", referralId),
                new DoorRequest("a pull with a wildcard content type", municipality,
                        () -> status(municipality, "GET", pull + "?purpose=intake", "Content-Type", "application/*"), 415,
                        m, AuditOutcome.UNSUPPORTED_REQUEST, "referral", referralId),
                new DoorRequest("an unknown path under /network/", municipality,
                        () -> status(municipality, "GET", "/network/v1/patients/999999990"), 404, m,
                        AuditOutcome.NO_SUCH_RESOURCE, null, null),
                new DoorRequest("a path outside /network/", municipality,
                        () -> status(municipality, "GET", "/api/v1/referrals/" + referralId), 404, m,
                        AuditOutcome.NO_SUCH_RESOURCE, null, null),
                new DoorRequest("a query Tomcat cannot decode", municipality,
                        () -> rawStatus(municipality, ("GET " + pull + "?purpose=%zz HTTP/1.1\r\n")
                                .getBytes(StandardCharsets.US_ASCII)), 400, m, AuditOutcome.MALFORMED_REQUEST, "referral",
                        referralId),
                new DoorRequest("a path parameter", municipality,
                        () -> status(municipality, "GET", pull + ";x=1?purpose=intake"), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, "referral", referralId),
                new DoorRequest("an unlisted certificate", unlisted, () -> status(unlisted, "GET", pull + "?purpose=intake"),
                        401, "unlisted:" + unlisted.sha256Fingerprint(), AuditOutcome.UNKNOWN_CALLER, "referral", referralId),
                new DoorRequest("a request head larger than Tomcat takes", municipality, () -> rawStatus(municipality,
                        ("GET " + pull + "?purpose=intake HTTP/1.1\r\nX-Padding: " + "x".repeat(10_000) + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII)), 400, m, AuditOutcome.MALFORMED_REQUEST, null, null),
                new DoorRequest("a request line with bytes that are no URI", municipality, () -> rawStatus(municipality,
                        concat("GET /network/v1/objects/referral/".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF},
                                " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, null, null),
                new DoorRequest("an encoded slash in the path", municipality,
                        () -> status(municipality, "GET", "/network/v1/objects/referral%2F" + referralId), 400, m,
                        AuditOutcome.MALFORMED_REQUEST, null, null),
                new DoorRequest("a TRACE", municipality, () -> rawStatus(municipality,
                        ("TRACE " + pull + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII)), 405, m,
                        AuditOutcome.UNSUPPORTED_REQUEST, "referral", referralId),
                new DoorRequest("the API document", municipality,
                        () -> status(municipality, "GET", "/network/v1/openapi.json"), 200, m, AuditOutcome.ALLOWED, null,
                        null));
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("doorRequests")
    void everyRequestAtTheDoorIsExactlyOneAuditRowWithItsStatusAndOutcome(DoorRequest request) {
        int before = gpAudit().all().size();

        int status = request.send().get();

        assertThat(status).as("status").isEqualTo(request.status());
        // most rows are written before the answer; Tomcat's own refusals and Spring MVC's flushed ones just after it
        List<AuditRecord> added = await().atMost(ROW_PATIENCE).until(() -> added(before), rows -> !rows.isEmpty());
        assertThat(added).singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo(request.caller());
            assertThat(a.status()).isEqualTo(request.status());
            assertThat(a.outcome()).isEqualTo(request.outcome());
            assertThat(a.objectType()).isEqualTo(request.objectType());
            assertThat(a.objectId()).isEqualTo(request.objectId());
        });
        // and no second row comes after the first: the next request's, or the one below, would see it
        assertThat(gpAudit().all()).hasSize(before + 1);
    }

    @Test
    @Order(6)
    void theOwnersLookupByObjectFindsEveryAttemptOnItAndNoOtherSpelling() {
        assertThat(gpAudit().all()).extracting(AuditRecord::objectId).filteredOn(id -> id != null && !id.startsWith("after-"))
                .allSatisfy(id -> assertThat(java.util.UUID.fromString(id).toString()).isEqualTo(id));
    }

    private String leadingZerosDropped() {
        // a group of the referral's id that starts with a zero, else an id of nothing that has them: both parse
        String dropped = String.join("-", Stream.of(referralId.split("-")).map(g -> g.replaceFirst("^0+(?=.)", "")).toList());
        return dropped.equals(referralId) ? "0-0-4000-8000-0" : dropped;
    }

    /** The status the GP answers a request with, as the given participant, with extra headers (name, value, …). */
    private int status(NodeCredentials as, String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gpUri(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = TestNetwork.send(network.networkClient(as), request.build());
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValue("application/problem+json");
        }
        return response.statusCode();
    }

    /** The status the GP answers a request head written by hand with — for what the JDK's client will not send. */
    private int rawStatus(NodeCredentials as, byte[] requestLineAndHeaders) {
        try (Socket socket = network.networkClient(as).sslContext().getSocketFactory().createSocket("localhost",
                network.networkPorts.get(Participants.GP))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestLineAndHeaders);
            out.write("Host: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.split(" ", 3)[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    @Order(7)
    void aParticipantRemovedFromTheListIsRefusedFromTheNodesNextStartOn() throws IOException {
        NodeCredentials municipality = network.credentials.get(Participants.MUNICIPALITY);
        HttpResponse<String> whileListed = pullAs(municipality, "intake");
        assertThat(whileListed.statusCode()).isEqualTo(200);
        assertThat(whileListed.body()).contains(Referrals.BSN);

        // Governance publishes a list without the municipality; the node reads its list at start-up.
        startGpOn(participantList("participants-municipality-revoked.json", entries -> {
            entries.removeIf(e -> Participants.MUNICIPALITY.urn.equals(e.get("id")));
            return entries;
        }));

        assertRefused(() -> pullAs(municipality, "intake"), unlisted(municipality));
        // the pull while it was listed
        assertThat(gpAudit().requestsFor("referral", referralId))
                .filteredOn(a -> a.caller().equals(Participants.MUNICIPALITY.urn))
                .extracting(AuditRecord::outcome).last().isEqualTo(AuditOutcome.ALLOWED);
    }

    /** How the GP answers a request it refuses, and the audit row it leaves: who the certificate proved, and why. */
    private record Refusal(int status, String caller, AuditOutcome outcome, String reason) {
    }

    private static Refusal notInvolved(String caller) {
        return new Refusal(404, caller, AuditOutcome.NOT_INVOLVED, "no such object");
    }

    private static Refusal malformed(String caller) {
        return new Refusal(400, caller, AuditOutcome.MALFORMED_REQUEST, "request refused by the firewall");
    }

    private static Refusal unlisted(NodeCredentials certificate) {
        return new Refusal(401, "unlisted:" + certificate.sha256Fingerprint(), AuditOutcome.UNKNOWN_CALLER,
                "certificate not in the participant list");
    }

    /** One refused request: its answer holds nothing of the referral, and it left exactly one audit row at the GP. */
    private void assertRefused(Supplier<HttpResponse<String>> attempt, Refusal expected) {
        int before = gpAudit().all().size();

        HttpResponse<String> response = attempt.get();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain(Referrals.BSN, Referrals.NAME, Referrals.PROBLEM);
        assertThat(added(before)).singleElement().satisfies(a -> {
            assertThat(a.caller()).isEqualTo(expected.caller());
            assertThat(a.outcome()).isEqualTo(expected.outcome());
            assertThat(a.reason()).isEqualTo(expected.reason());
        });
    }

    private HttpResponse<String> pullAs(NodeCredentials as, String purpose) {
        return request(as, "/network/v1/objects/referral/" + referralId + "?purpose=" + purpose);
    }

    /** A GET on the GP's network port as whoever the credentials say, with extra headers (name, value, …). */
    private HttpResponse<String> request(NodeCredentials as, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gpUri(pathAndQuery)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return TestNetwork.send(network.networkClient(as), request.build());
    }

    private URI gpUri(String pathAndQuery) {
        return URI.create("https://localhost:" + network.networkPorts.get(Participants.GP) + pathAndQuery);
    }

    /**
     * A client that presents its certificate whichever CAs the server names, as curl or openssl do. The JDK's own key
     * manager presents nothing when its issuer is not among them, and an empty certificate is refused by the JDK's TLS
     * before any trust manager sees it: with nothing to name, that attempt cannot be audited.
     */
    private HttpClient presenting(NodeCredentials as) {
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
                return NodeCredentials.KEY_ALIAS;
            }

            @Override
            public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                return NodeCredentials.KEY_ALIAS;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return as.chain().toArray(X509Certificate[]::new);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return as.privateKey();
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {NodeCredentials.KEY_ALIAS};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        };
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(network.ca.trustStore());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {always}, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String certificateHeader(NodeCredentials credentials) {
        try {
            return Base64.getEncoder().encodeToString(credentials.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AuditRecord> added(int before) {
        List<AuditRecord> all = gpAudit().all();
        return all.subList(before, all.size());
    }

    private AuditTrail gpAudit() {
        return network.gp.getBean(AuditTrail.class);
    }

    private void startGpOn(Path participantList) {
        network.restartGp(network.broker.bootstrapServers(), Map.of("bronsein.node.participant-list",
                "file:" + participantList, "bronsein.refused-handshakes.interval", REFUSALS_WRITTEN_EVERY.toString()));
    }

    /** The network's participant list as governance might publish it next: edited, in a file of its own. */
    private Path participantList(String name, Function<List<Map<String, Object>>, List<Map<String, Object>>> edit)
            throws IOException {
        Map<String, List<Map<String, Object>>> list = TestNetwork.JSON.readValue(Files.readString(network.participantList),
                new TypeReference<>() { });
        Path edited = network.dir.resolve(name);
        Files.writeString(edited, TestNetwork.JSON.writeValueAsString(Map.of("participants",
                edit.apply(new ArrayList<>(list.get("participants"))))));
        return edited;
    }
}
