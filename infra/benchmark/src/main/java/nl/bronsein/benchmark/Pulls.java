package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;

/**
 * Authorised pulls as the municipality, the referral's addressee: {@code GET /network/v1/objects/referral/{id}
 * ?purpose=intake} at the GP over mutual TLS, each one checked against the participant list, the policy and the
 * consent, and audited. Next to it the floor: a plain loopback HTTP GET of a body of the same size, from the same
 * client with the same number of keep-alive connections.
 */
final class Pulls {

    static final String PURPOSE = "intake";

    record Figure(int clients, long calls, double perSecond, Percentiles latency, int responseBytes, JitWarmUp.Result warmUp) {
    }

    /**
     * The pull under load, its plain counterpart, and the pull of one client alone: under load the latency of a pull
     * is mostly its wait for a core (clients ÷ rate), alone it is what one pull costs.
     */
    record Pair(Figure pulls, Figure plain, Figure alone) {
    }

    private Pulls() {
    }

    static Pair measure(SSLContext municipalityTls, List<URI> referrals, int clients, long warmUp, long calls,
                        Duration patience) throws InterruptedException {
        // HTTP/1.1 on both: the node's connector speaks it, and the plain server could not speak anything else
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(municipalityTls)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Figure pulls = gets(http, referrals, clients, warmUp, calls, patience);
        Figure alone = gets(http, referrals, 1, Math.max(100, warmUp / 4), Math.max(500, calls / 4), Duration.ZERO);
        HttpServer plain = plainServer(new byte[pulls.responseBytes()], clients);
        try {
            URI uri = URI.create("http://127.0.0.1:" + plain.getAddress().getPort() + "/object");
            return new Pair(pulls, gets(http, List.of(uri), clients, warmUp, calls, patience), alone);
        } finally {
            plain.stop(0);
            ((ExecutorService) plain.getExecutor()).shutdownNow();
        }
    }

    /**
     * Warm-up (connections, TLS sessions, JIT: rounds of {@code warmUp} calls until the JIT settled or the patience is
     * used up), then the measured calls, round-robin over the given addresses.
     */
    private static Figure gets(HttpClient http, List<URI> uris, int clients, long warmUp, long calls, Duration patience)
            throws InterruptedException {
        List<HttpRequest> requests = uris.stream().map(u -> HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30))
                .GET().build()).toList();
        AtomicInteger size = new AtomicInteger();
        IntFunction<ClosedLoop.Client> client = n -> i -> {
            HttpResponse<byte[]> response = http.send(requests.get((int) (i % requests.size())),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.uri().getPath() + " answered " + response.statusCode());
            }
            size.set(response.body().length);
        };
        JitWarmUp.Result warm = JitWarmUp.untilQuiet(() -> ClosedLoop.run(clients, warmUp, false, client), patience);
        ClosedLoop.Result measured = ClosedLoop.run(clients, calls, true, client);
        return new Figure(clients, calls, measured.perSecond(), measured.percentiles(), size.get(), warm);
    }

    private static HttpServer plainServer(byte[] body, int clients) {
        // The JDK server writes headers and body apart; with Nagle on, the body waits for the client's delayed ACK
        // (~40 ms a request). Tomcat, on the node's side, sets TCP_NODELAY; the floor must too. Read at first use.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/object", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(clients));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
