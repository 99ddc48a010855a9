package nl.bronsein.runtime.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.runtime.RuntimeOnlyNode;
import nl.bronsein.runtime.contactpoint.ContactPointService;
import nl.bronsein.runtime.outbox.OutboxRepository;
import nl.bronsein.schemas.view.ContactPointView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a node writes to its console at start-up when nothing about logging is set, as a container collects it: JSON
 * lines, one line per Kafka client rather than its configuration, and no warning about the database version. The node
 * runs on H2 (Flyway migrates it) with a real broker; its console is captured from before the start until its Kafka
 * clients are up and its first change is published.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuntimeOnlyNode.WithBroker network;
    /** Every line the node's start wrote to standard output. */
    private List<String> lines;

    @BeforeAll
    void start(CapturedOutput output) throws IOException {
        network = new RuntimeOnlyNode.WithBroker("node-logs");
        int before = output.getOut().length();
        ConfigurableApplicationContext node = network.start(network.settings());
        node.getBean(KafkaHealthIndicator.class).health(); // its admin client is made on the first check
        // a change published: by then the relay (on its own thread) has made its producer
        node.getBean(ContactPointService.class).publish(
                new ContactPointView("Wijkteam Zuid", "038-4981000", "wijkteam-zuid@zwolle.example"), null);
        OutboxRepository outbox = node.getBean(OutboxRepository.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.backlog().count() == 0);
        lines = output.getOut().substring(before).lines().filter(line -> !line.isBlank()).toList();
    }

    @AfterAll
    void stop() {
        network.close();
    }

    @Test
    void everyLineIsAnEcsJsonObject() {
        assertThat(lines).hasSizeGreaterThan(20).allSatisfy(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(json.path("@timestamp").asString()).as(line).isNotEmpty();
            assertThat(json.path("log").path("level").asString()).as(line).isNotEmpty();
            assertThat(json.path("log").path("logger").asString()).as(line).isNotEmpty();
            assertThat(json.path("ecs").path("version").asString()).as(line).isNotEmpty();
        });
    }

    @Test
    void eachKafkaClientIsOneLineNotItsWholeConfiguration() {
        List<String> messages = messages();
        assertThat(messages).as("Kafka's configuration dumps")
                .noneMatch(m -> m.contains("ProducerConfig values:") || m.contains("ConsumerConfig values:")
                        || m.contains("AdminClientConfig values:"));
        List<String> clients = messages.stream().filter(m -> m.startsWith("Kafka ") && m.contains(" created for "))
                .toList();
        assertThat(clients).anyMatch(m -> m.startsWith("Kafka relay producer "))
                .anyMatch(m -> m.startsWith("Kafka notification consumer "))
                .anyMatch(m -> m.startsWith("Kafka health admin client "))
                .allMatch(m -> m.contains(" created for " + network.broker().bootstrapServers() + " (kafka-clients "));
        // one line per client: no client id twice
        Map<String, Long> perClient = clients.stream().collect(Collectors.groupingBy(
                m -> m.substring(0, m.indexOf(" created for ")), Collectors.counting()));
        assertThat(perClient).allSatisfy((client, count) -> assertThat(count).as(client).isEqualTo(1));
    }

    @Test
    void flywayMigratesH2WithoutAVersionWarning() {
        List<String> messages = messages();
        // Flyway did run and log at INFO here, so the absence of its warning means something
        assertThat(messages).anyMatch(m -> m.contains("Database: jdbc:h2:mem:"));
        assertThat(messages).noneMatch(m -> m.contains("newer than the version Flyway has been verified with"));
    }

    /** The message of every line that is JSON; a line that is not fails {@link #everyLineIsAnEcsJsonObject()}. */
    private List<String> messages() {
        Function<String, JsonNode> parse = line -> {
            try {
                return JSON.readTree(line);
            } catch (RuntimeException notJson) {
                return JSON.createObjectNode().put("message", line);
            }
        };
        return lines.stream().map(parse).map(json -> json.path("message").asString()).toList();
    }
}
