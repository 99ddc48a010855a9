package nl.bronsein.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rewind --node URL}: asks a running node to rewind itself through its staff API, because only the node can
 * forget what it handled (its inbox) and what it derived, so that reading again means handling again.
 */
final class NodeRewindCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReplayOptions.NodeRewind options;
    private final PrintStream out;

    NodeRewindCommand(ReplayOptions.NodeRewind options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (options.to() != null) {
            body.put("from", options.to().toString());
        }
        body.put("rebuild", options.rebuild());
        URI uri = options.node().resolve("/api/v1/admin/rewind");
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(options.timeout().multipliedBy(6));
        if (options.token() != null) {
            builder.header("Authorization", "Bearer " + options.token());
        }
        HttpRequest request = builder
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReplayException(ReplayMain.EXIT_KAFKA, "cannot reach the node at " + options.node() + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException(ReplayMain.EXIT_KAFKA, "interrupted while asking " + options.node());
        }
        if (response.statusCode() != 200) {
            throw new ReplayException(ReplayMain.EXIT_REFUSED, "the node at " + options.node() + " answered "
                    + response.statusCode() + ": " + ReplayException.oneLine(response.body()));
        }
        JsonNode result = JSON.readTree(response.body());
        out.println("rewound " + result.path("consumerGroup").asString() + (options.rebuild() ? " and rebuilt" : "")
                + ": " + result.path("forgottenNotifications").asInt() + " notification(s) to handle again");
        result.path("offsets").properties().forEach(e -> out.println("  " + e.getKey() + " -> " + e.getValue().asLong()));
        return ReplayMain.EXIT_OK;
    }
}
