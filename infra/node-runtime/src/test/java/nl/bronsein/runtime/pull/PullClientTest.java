package nl.bronsein.runtime.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import nl.bronsein.runtime.trust.Participant;
import nl.bronsein.runtime.trust.ParticipantId;
import nl.bronsein.runtime.trust.ParticipantRole;
import tools.jackson.databind.JsonNode;

/**
 * How the pull client reads an owner's answer, against a socket server that answers with exactly the bytes a test
 * gives it. The real JDK HTTP client and {@link RestClient} read them; only the scheme is changed on the way out, so the
 * server needs no TLS. An answer cut off halfway — its node killed while it was writing, a connection dropped — is
 * "try again later", like an owner that cannot be reached; only an answer the owner really gave can refuse a pull.
 */
class PullClientTest {

    private static final String BODY = "{\"objectId\":\"5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11\",\"version\":3}";

    private final AtomicReference<String> answer = new AtomicReference<>();
    private ServerSocket server;
    private Thread serving;
    private PullClient client;
    private Participant owner;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(this::serve, "answering");
        serving.setDaemon(true);
        serving.start();
        int port = server.getLocalPort();
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory();
        jdk.setReadTimeout(Duration.ofSeconds(5));
        ClientHttpRequestFactory plain = (uri, method) -> jdk.createRequest(
                URI.create("http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery()), method);
        client = new PullClient(RestClient.builder().requestFactory(plain).build());
        owner = new Participant(ParticipantId.of("urn:nld:kvk:12345678"), ParticipantRole.GP_PRACTICE, "GP",
                URI.create("https://gp.example:8443"), "ab".repeat(32));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        serving.join(5_000);
    }

    @Test
    void aCompleteAnswerIsRead() {
        answer.set("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                + "\r\nConnection: close\r\n\r\n" + BODY);

        assertThat(pull().path("version").asInt()).isEqualTo(3);
    }

    @Test
    void anAnswerCutOffInTheMiddleOfItsBodyIsTriedAgainLater() {
        // the length promises the whole body, then the connection closes halfway
        answer.set("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                + "\r\nConnection: close\r\n\r\n" + BODY.substring(0, BODY.length() / 2));

        assertThatThrownBy(this::pull).isInstanceOf(PullUnavailableException.class)
                .hasMessageContaining("answer was cut off");
    }

    @Test
    void aChunkedAnswerCutOffBeforeItsLastChunkIsTriedAgainLater() {
        answer.set("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(BODY.length()) + "\r\n"
                + BODY.substring(0, 20));

        assertThatThrownBy(this::pull).isInstanceOf(PullUnavailableException.class)
                .hasMessageContaining("answer was cut off");
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIsTriedAgainLater() {
        answer.set("");

        assertThatThrownBy(this::pull).isInstanceOf(PullUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aCompleteAnswerThatIsNoJsonRefusesThePull() {
        String garbage = "{\"objectId\": <not json>";
        answer.set("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + garbage.length()
                + "\r\nConnection: close\r\n\r\n" + garbage);

        assertThatThrownBy(this::pull).isInstanceOf(PullRefusedException.class)
                .hasMessageContaining("unreadable answer");
    }

    @Test
    void aServerErrorIsTriedAgainLaterAndARefusalIsARefusal() {
        answer.set("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThatThrownBy(this::pull).isInstanceOf(PullUnavailableException.class).hasMessageContaining("503");

        answer.set("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThatThrownBy(this::pull).isInstanceOf(PullRefusedException.class).hasMessageContaining("403");
    }

    @Test
    void aRefusalStatingAWithdrawalSaysWhichAndOtherRefusalsStateNone() {
        String withdrawn = "{\"title\":\"Pull refused\",\"status\":403,\"withdrawal\":\"CONSENT_WITHDRAWN\"}";
        answer.set("HTTP/1.1 403 Forbidden\r\nContent-Type: application/problem+json\r\nContent-Length: "
                + withdrawn.length() + "\r\nConnection: close\r\n\r\n" + withdrawn);
        assertThatThrownBy(this::pull).isInstanceOfSatisfying(PullRefusedException.class, e -> assertThat(e.withdrawal())
                .contains(nl.bronsein.runtime.pull.Withdrawal.CONSENT_WITHDRAWN));

        for (String other : List.of("{\"status\":403,\"withdrawal\":\"SOMETHING_ELSE\"}", "{\"status\":403}", "not json")) {
            answer.set("HTTP/1.1 403 Forbidden\r\nContent-Type: application/problem+json\r\nContent-Length: "
                    + other.length() + "\r\nConnection: close\r\n\r\n" + other);
            assertThatThrownBy(this::pull).as(other).isInstanceOfSatisfying(PullRefusedException.class,
                    e -> assertThat(e.withdrawal()).isEmpty());
        }
        // only a 403 can state one: a 404 is no withdrawal, whatever its body says
        answer.set("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: "
                + withdrawn.length() + "\r\nConnection: close\r\n\r\n" + withdrawn);
        assertThatThrownBy(this::pull).isInstanceOfSatisfying(PullRefusedException.class,
                e -> assertThat(e.withdrawal()).isEmpty());
    }

    @Test
    void aHistoryPageCutOffInTheMiddleIsTriedAgainLater() {
        String page = "{\"notifications\":[],\"nextAfterSequence\":7,\"more\":false}";
        answer.set("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + page.length()
                + "\r\nConnection: close\r\n\r\n" + page.substring(0, 25));

        assertThatThrownBy(() -> client.history(owner, 0, 10, "bronsein.inbox.gp-practice.kvk.12345678")).isInstanceOf(PullUnavailableException.class)
                .hasMessageContaining("answer was cut off");
    }

    private JsonNode pull() {
        return client.pull(owner, "referral", "5b0e5a7e-3c55-4b8e-9d2c-6a0f0c7a1e11", "intake", JsonNode.class);
    }

    /** One connection at a time: reads the request head, writes the test's bytes, closes. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(answer.get().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closed) {
                // the server closed at the end of the test, or the client gave up
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) != -1) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
