package nl.bronsein.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.SocketFactory;

/**
 * Sends generated requests to a node's door and reads what came back: through {@link HttpClient}, or — for what that
 * client refuses to send (raw bytes in the request line, line breaks in a header) — over a plain or TLS socket.
 */
final class HostileHttp implements AutoCloseable {

    /**
     * One generated request: to the endpoint {@code label} counts it under, as served by one node ({@code endpoint}).
     * {@code rawPath} holds bytes that are no valid URI; such a request is sent over a socket.
     */
    record Request(String label, String endpoint, Door door, String method, String pathAndQuery, byte[] rawPath, String contentType,
                   byte[] body, String authorization, String kind) {

        boolean needsSocket() {
            return rawPath != null || unsendable(contentType) || unsendable(authorization);
        }

        private static boolean unsendable(String header) {
            return header != null && (header.isBlank() || header.chars().anyMatch(c -> c < 0x20 || c > 0x7E));
        }

        /** What a failure report shows: never the body (it may be megabytes), only its size. */
        @Override
        public String toString() {
            String path = pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery;
            return method + " " + path + (rawPath != null ? " (raw request line)" : "") + " [" + kind + ", content type "
                    + contentType + ", " + (body == null ? "no" : body.length + " bytes of") + " body, as " + door.caller() + "]";
        }
    }

    /** What came back: the status (0 when the connection failed), the content type, and how long it took. */
    record Answer(int status, String contentType, String body, long millis) {
    }

    /** One caller at one door: the door's base URL, the caller's client, and its socket factory for raw requests. */
    record Door(String caller, String base, HttpClient client, SocketFactory sockets) {
    }

    private final ExecutorService rawSenders = Executors.newFixedThreadPool(2);

    /** Sends every request at once (the node serves them concurrently, as it would real clients) and waits. */
    List<Answer> send(List<Request> requests) {
        List<CompletableFuture<Answer>> answers = requests.stream().map(r -> send(r, r.door())).toList();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Answer> send(Request request, Door door) {
        long start = System.nanoTime();
        return answer(request, door).thenApply(a -> new Answer(a.status(), a.contentType(), a.body(),
                (System.nanoTime() - start) / 1_000_000));
    }

    private CompletableFuture<Answer> answer(Request request, Door door) {
        if (request.needsSocket()) {
            return CompletableFuture.supplyAsync(() -> overSocket(request, door), rawSenders);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(door.base() + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        return door.client().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), 0))
                .exceptionally(e -> new Answer(0, null, "no answer: " + e, 0));
    }

    /** HTTP/1.1 written by hand, one connection per request. */
    private static Answer overSocket(Request request, Door door) {
        URI base = URI.create(door.base());
        try (Socket socket = door.sockets().createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(request.rawPath() != null ? request.rawPath()
                    : request.pathAndQuery().getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder headers = new StringBuilder(" HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n");
            if (request.authorization() != null) {
                headers.append("Authorization: ").append(request.authorization()).append("\r\n");
            }
            if (request.contentType() != null) {
                headers.append("Content-Type: ").append(request.contentType()).append("\r\n");
            }
            byte[] body = request.body() == null ? new byte[0] : request.body();
            headers.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            head.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(0, null, "no answer: " + e, 0);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        int end = response.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? response : response.substring(0, end)).split("\r\n");
        String[] status = lines[0].split(" ");
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            return new Answer(0, null, "no HTTP answer: " + lines[0], 0);
        }
        String contentType = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).strip();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        String body = end < 0 ? "" : response.substring(end + 4);
        return new Answer(Integer.parseInt(status[1]), contentType, chunked ? dechunk(body) : body, 0);
    }

    /** The body of a chunked answer without its chunk sizes. */
    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = lineEnd < 0 ? 0 : Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    @Override
    public void close() {
        rawSenders.shutdownNow();
    }
}
