package nl.bronsein.staffclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The client against a stand-in node: paths, bodies, the token, and a refusal as an exception. */
class StaffClientTest {

    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final AtomicReference<String> upgrade = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        upgrade.set(exchange.getProtocol() + " " + exchange.getRequestHeaders().getFirst("Upgrade"));
        seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
        String path = exchange.getRequestURI().getPath();
        int status = 200;
        String answer;
        String type = "application/json";
        if (path.equals("/api/v1/referrals")) {
            exchange.getResponseHeaders().set("Location", "/api/v1/referrals/r-1");
            status = 201;
            answer = "{\"id\":\"r-1\"}";
        } else if (path.endsWith("/pick-up")) {
            status = 400;
            type = "application/problem+json";
            answer = "{\"status\":400,\"errors\":[{\"field\":\"contactPointId\",\"reason\":\"must not be null\"}]}";
        } else if (path.equals("/api/v1/admin/rewind")) {
            answer = "{\"consumerGroup\":\"g\",\"offsets\":{\"t-0\":3},\"forgottenNotifications\":2,\"rebuilt\":true}";
        } else {
            answer = "[{\"id\":\"a-1\",\"version\":2,\"status\":\"OFFERED\","
                    + "\"basis\":{\"objectType\":\"case\",\"objectId\":\"c-1\"},\"somethingNew\":1}]";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private StaffClient client(String token) {
        return StaffClient.connect(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), token);
    }

    @Test
    void sendsTheTokenAndReadsRecordsIgnoringFieldsItDoesNotKnow() {
        List<AssignmentsApi.Assignment> assignments = client("t0k3n").assignments().list();
        assertThat(assignments).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("a-1");
            assertThat(a.basis()).isEqualTo(new AssignmentsApi.Reference(null, "case", "c-1"));
        });
        assertThat(seen.get()).isEqualTo("GET /api/v1/assignments Bearer t0k3n ");
    }

    @Test
    void leavesOutWhatIsNotGiven() {
        AdminApi.RewindResult result = client(null).admin().rewind(new AdminApi.RewindRequest(null, true));
        assertThat(result).isEqualTo(new AdminApi.RewindResult("g", 2, java.util.Map.of("t-0", 3L), true));
        assertThat(seen.get()).isEqualTo("POST /api/v1/admin/rewind null {\"rebuild\":true}");
        assertThat(StaffClient.json(new ContactPointsApi.ContactPointForm("Wijkteam", null, "w@x.example",
                Instant.parse("2026-11-23T10:00:00Z"))))
                .isEqualTo("{\"name\":\"Wijkteam\",\"email\":\"w@x.example\",\"effectiveFrom\":\"2026-11-23T10:00:00Z\"}");
    }

    @Test
    void aCreateCanBeReadForItsLocationAloneOverPlainHttp11() {
        ReferralsApi.ReferralDraft draft = new ReferralsApi.ReferralDraft(null, null, null, "Rolstoel", null,
                "REGULAR", null, "urn:x");
        var created = client("t").referrals().createForLocation(draft);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/referrals/r-1");
        assertThat(seen.get()).isEqualTo("POST /api/v1/referrals Bearer t "
                + "{\"requestedSupport\":\"Rolstoel\",\"urgency\":\"REGULAR\",\"addressee\":\"urn:x\"}");
        // no h2c upgrade offered: the nodes speak HTTP/1.1 on their staff ports
        assertThat(upgrade.get()).isEqualTo("HTTP/1.1 null");
    }

    @Test
    void aProblemIsAnExceptionWithStatusAndBody() {
        assertThatThrownBy(() -> client("t").cases().pickUp("c-1", new CasesApi.PickUp(null)))
                .isInstanceOfSatisfying(StaffApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.method()).isEqualTo("POST");
                    assertThat(e.uri()).endsWith("/api/v1/cases/c-1/pick-up");
                    assertThat(e.body()).contains("\"field\":\"contactPointId\"");
                    assertThat(e.getMessage()).startsWith("POST http://127.0.0.1:").contains("/api/v1/cases/c-1/pick-up"
                            + " answered 400: {\"status\":400");
                });
    }
}
