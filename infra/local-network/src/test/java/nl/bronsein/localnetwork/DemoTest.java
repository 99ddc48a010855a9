package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo's logic against two fake staff APIs that behave like the nodes (the real ones: LocalNetworkLaunchIT). */
class DemoTest {

    private static final String CASE_ID = "6a1f0000-0000-4000-8000-000000000002";
    private static final String REFERRAL_ID = "6a1f0000-0000-4000-8000-000000000001";

    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<String> postedReferral = new AtomicReference<>();
    private final AtomicReference<String> postedPickUp = new AtomicReference<>();
    private final AtomicInteger casePolls = new AtomicInteger();
    private HttpServer gp;
    private HttpServer municipality;

    @AfterEach
    void stopServers() {
        if (gp != null) {
            gp.stop(0);
        }
        if (municipality != null) {
            municipality.stop(0);
        }
    }

    @Test
    void followsTheReferralUntilTheGpSeesItPickedUp() throws Exception {
        startFakeNodes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        Demo demo = new Demo(uri(gp), uri(municipality), CommandLineTest.print(out), Duration.ofSeconds(10),
                Clock.fixed(now, ZoneOffset.UTC));

        Demo.Result result = demo.run();

        assertThat(result.referralId()).isEqualTo(REFERRAL_ID);
        assertThat(result.caseId()).isEqualTo(CASE_ID);
        assertThat(Demo.milestoneTime(result.gpReferral(), "ARRIVED")).isEqualTo("2026-11-23T12:00:01Z");
        assertThat(Demo.milestoneTime(result.gpReferral(), "PICKED_UP")).isEqualTo("2026-11-23T12:00:05Z");
        assertThat(casePolls.get()).isGreaterThan(1);

        JsonNode referral = json.readTree(postedReferral.get());
        assertThat(referral.path("consent").path("givenAt").asString()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(referral.path("citizen").path("bsn").asString()).isEqualTo("999993653");
        assertThat(referral.path("addressee").asString()).isEqualTo("urn:nld:oin:00000001001234567000");
        assertThat(referral.path("problemAnalysis").asString()).isEqualTo("Lives alone since her husband died; "
                + "can no longer walk to the shops; wants to keep living at home.");
        assertThat(json.readTree(postedPickUp.get()).path("contactPoint").path("name").asString())
                .isEqualTo("Wijkteam Zwolle-Zuid");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("ARRIVED", "(aangekomen) at 2026-11-23T12:00:01Z", "PICKED_UP",
                        "from case " + CASE_ID + " at urn:nld:oin:00000001001234567000 (version 2)",
                        "Wijkteam Zwolle-Zuid");
    }

    @Test
    void unreachableNodesAreReportedClearly() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Demo demo = new Demo(URI.create("http://127.0.0.1:" + closed), URI.create("http://127.0.0.1:" + closed),
                CommandLineTest.print(new ByteArrayOutputStream()));
        assertThatThrownBy(demo::run).isInstanceOf(Demo.DemoException.class)
                .hasMessage("cannot reach the GP node at http://127.0.0.1:" + closed
                        + " (is the network running? Start it with ./network)");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LocalNetworkMain.run(new String[] {"demo", "--gp", "http://127.0.0.1:" + closed},
                CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("local-network demo: cannot reach the GP node");
    }

    @Test
    void aRefusedReferralIsReportedWithTheNodesAnswer() throws Exception {
        gp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gp.createContext("/", exchange -> reply(exchange, 400, "{\"title\":\"Bad request\",\"detail\":\"no\"}"));
        gp.start();
        Demo demo = new Demo(uri(gp), uri(gp), CommandLineTest.print(new ByteArrayOutputStream()));
        assertThatThrownBy(demo::run).isInstanceOf(Demo.DemoException.class)
                .hasMessageStartingWith("the GP node answered POST " + uri(gp) + "/api/v1/referrals with 400 "
                        + "(expected 201): {\"title\":\"Bad request\"");
    }

    @Test
    void aMilestoneThatNeverComesEndsTheDemoAfterTheWait() throws Exception {
        gp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gp.createContext("/api/v1/referrals", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 201, "{\"id\":\"" + REFERRAL_ID + "\"}");
            } else {
                reply(exchange, 200, "[{\"id\":\"" + REFERRAL_ID + "\",\"progress\":null}]");
            }
        });
        gp.start();
        municipality = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        municipality.createContext("/api/v1/cases", exchange -> reply(exchange, 200, "[]"));
        municipality.start();
        Demo demo = new Demo(uri(gp), uri(municipality), CommandLineTest.print(new ByteArrayOutputStream()),
                Duration.ofMillis(600), Clock.systemUTC());
        assertThatThrownBy(demo::run).isInstanceOf(Demo.DemoException.class)
                .hasMessageStartingWith("waited 0 s for a case at the municipality for referral " + REFERRAL_ID);
    }

    private void startFakeNodes() throws IOException {
        gp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        municipality = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gp.createContext("/api/v1/referrals", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                postedReferral.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                reply(exchange, 201, "{\"id\":\"" + REFERRAL_ID + "\",\"version\":1,\"status\":\"RECORDED\"}");
                return;
            }
            String milestones = "{\"milestone\":\"ARRIVED\",\"label\":\"aangekomen\",\"at\":\"2026-11-23T12:00:01Z\","
                    + "\"source\":{\"owner\":\"urn:nld:oin:00000001001234567000\",\"objectType\":\"case\","
                    + "\"objectId\":\"" + CASE_ID + "\"},\"sourceVersion\":1}";
            if (postedPickUp.get() != null) {
                milestones += ",{\"milestone\":\"PICKED_UP\",\"label\":\"opgepakt\",\"at\":\"2026-11-23T12:00:05Z\","
                        + "\"source\":{\"owner\":\"urn:nld:oin:00000001001234567000\",\"objectType\":\"case\","
                        + "\"objectId\":\"" + CASE_ID + "\"},\"sourceVersion\":2}";
            }
            String progress = casePolls.get() < 2 ? "null" : "{\"handledIn\":{\"owner\":"
                    + "\"urn:nld:oin:00000001001234567000\",\"objectType\":\"case\",\"objectId\":\"" + CASE_ID + "\"},"
                    + "\"handledInVersion\":" + (postedPickUp.get() == null ? 1 : 2) + ",\"status\":\""
                    + (postedPickUp.get() == null ? "RECEIVED" : "PICKED_UP") + "\",\"contactPoint\":"
                    + (postedPickUp.get() == null ? "null" : "{\"name\":\"Wijkteam Zwolle-Zuid\","
                    + "\"phone\":\"038-4981234\",\"email\":\"wijkteam-zuid@zwolle.example\"}")
                    + ",\"pulledAt\":\"2026-11-23T12:00:06Z\",\"milestones\":[" + milestones + "]}";
            reply(exchange, 200, "[{\"id\":\"00000000-0000-4000-8000-000000000009\",\"progress\":null},"
                    + "{\"id\":\"" + REFERRAL_ID + "\",\"version\":1,\"status\":\"RECORDED\",\"requestedSupport\":"
                    + "\"Wheelchair\",\"urgency\":\"REGULAR\",\"addressee\":\"urn:nld:oin:00000001001234567000\","
                    + "\"progress\":" + progress + "}]");
        });
        municipality.createContext("/api/v1/cases", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/api/v1/cases/" + CASE_ID + "/pick-up")) {
                postedPickUp.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                reply(exchange, 200, "{\"id\":\"" + CASE_ID + "\",\"status\":\"PICKED_UP\","
                        + "\"pickedUpAt\":\"2026-11-23T12:00:05Z\"}");
                return;
            }
            if (!path.equals("/api/v1/cases")) {
                reply(exchange, 404, "{}");
                return;
            }
            // the first poll finds nothing yet, as when the notification is still under way
            String cases = casePolls.incrementAndGet() < 2 ? "[]" : "[{\"id\":\"" + CASE_ID + "\",\"version\":1,"
                    + "\"status\":\"RECEIVED\",\"referralOwner\":\"urn:nld:kvk:12345678\",\"referralId\":\""
                    + REFERRAL_ID + "\",\"receivedAt\":\"2026-11-23T12:00:01Z\",\"pickedUpAt\":null,"
                    + "\"contactPoint\":null}]";
            reply(exchange, 200, cases);
        });
        gp.start();
        municipality.start();
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
