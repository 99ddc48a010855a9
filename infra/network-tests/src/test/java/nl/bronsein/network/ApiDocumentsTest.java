package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every node serves an OpenAPI document per door — the staff API at {@code /api/openapi.json} on the staff port, the
 * network API at {@code /network/v1/openapi.json} on the network port — and each must equal its checked-in copy in
 * {@code docs/api}. Every served document is also written to {@code target/api/<name>.json}, so a changed API is
 * documented by copying that file over the checked-in one (see {@code docs/api/README.md}).
 */
class ApiDocumentsTest {

    private static final String STAFF_PATH = "/api/openapi.json";
    private static final String NETWORK_PATH = "/network/v1/openapi.json";
    private static final List<Participants> NODES = List.of(Participants.GP, Participants.MUNICIPALITY, Participants.PROVIDER);
    /** How the checked-in documents are written: sorted keys, indented, one trailing newline. */
    static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private TestNetwork network;
    private HttpClient asParticipant;
    private final Path checkedIn = repositoryRoot().resolve("docs/api");
    private final Path served = Path.of("target/api").toAbsolutePath();

    @BeforeAll
    void startNetwork() throws Exception {
        network = new TestNetwork().startNodes();
        asParticipant = network.networkClient(network.credentials.get(Participants.OTHER_MUNICIPALITY));
        Files.createDirectories(served);
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void everyServedDocumentEqualsItsCheckedInCopy() throws IOException {
        Set<String> differences = new LinkedHashSet<>();
        for (Participants node : NODES) {
            HttpResponse<String> staff = network.staffGet(node, STAFF_PATH);
            assertThat(staff.statusCode()).as(node + " staff document").isEqualTo(200);
            compare(node.stem + "-staff", staff.body(), differences);

            HttpResponse<String> networkApi = networkGet(node, NETWORK_PATH);
            assertThat(networkApi.statusCode()).as(node + " network document").isEqualTo(200);
            // The network API is the runtime's, the same on every node: one checked-in document.
            compare("network", networkApi.body(), differences);
        }
        assertThat(differences).as("served OpenAPI documents that differ from docs/api; if the change is intended, "
                + "copy the served document over the checked-in one").isEmpty();
    }

    @Test
    void theStaffDocumentDescribesOnlyTheStaffApiAndTheNetworkDocumentOnlyTheNetworkApi() {
        for (Participants node : NODES) {
            JsonNode staff = TestNetwork.JSON.readTree(network.staffGet(node, STAFF_PATH).body());
            assertThat(staff.path("paths").propertyNames()).isNotEmpty().allMatch(path -> path.startsWith("/api/v1/"));
            assertThat(staff.path("info").path("title").asString()).startsWith("Bronsein ").endsWith("— staff API");
            assertThat(staff.path("servers").toString()).isEqualTo("[{\"url\":\"/\"}]");

            JsonNode networkApi = TestNetwork.JSON.readTree(networkGet(node, NETWORK_PATH).body());
            assertThat(networkApi.path("paths").propertyNames())
                    .containsExactlyInAnyOrder("/network/v1/objects/{objectType}/{objectId}", "/network/v1/notifications");
        }
    }

    @Test
    void eachDocumentIsServedOnlyBehindItsOwnDoor() {
        for (Participants node : NODES) {
            assertThat(network.staffGet(node, NETWORK_PATH).statusCode()).as(node + ": network document on the staff port")
                    .isEqualTo(404);
            assertThat(networkGet(node, STAFF_PATH).statusCode()).as(node + ": staff document on the network port")
                    .isEqualTo(404);
            // springdoc's own endpoints are behind neither door
            for (String springdoc : List.of("/v3/api-docs", "/v3/api-docs/staff", "/v3/api-docs/network")) {
                assertThat(network.staffGet(node, springdoc).statusCode()).as(node + " staff port " + springdoc).isEqualTo(404);
                assertThat(networkGet(node, springdoc).statusCode()).as(node + " network port " + springdoc).isEqualTo(404);
            }
        }
    }

    private void compare(String name, String body, Set<String> differences) throws IOException {
        JsonNode document = TestNetwork.JSON.readTree(body);
        Path copy = served.resolve(name + ".json");
        Files.writeString(copy, canonical(document));
        Path file = checkedIn.resolve(name + ".json");
        if (!Files.exists(file)) {
            differences.add("docs/api/" + name + ".json does not exist; the served document is in " + copy);
            return;
        }
        JsonNode expected = TestNetwork.JSON.readTree(Files.readString(file));
        // Compared as trees: key order and whitespace do not count. The document has no host, port or time in it.
        if (!expected.equals(document)) {
            differences.add("docs/api/" + name + ".json differs from what the node serves; update it from " + copy);
        }
    }

    static String canonical(JsonNode document) {
        return CANONICAL.writeValueAsString(document) + "\n";
    }

    private HttpResponse<String> networkGet(Participants node, String path) {
        URI uri = URI.create("https://localhost:" + network.networkPorts.get(node) + path);
        return TestNetwork.send(asParticipant, HttpRequest.newBuilder(uri).GET().build());
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (with docs/ and mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
