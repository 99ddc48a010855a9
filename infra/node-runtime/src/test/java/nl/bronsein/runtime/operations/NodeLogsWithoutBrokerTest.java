package nl.bronsein.runtime.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import nl.bronsein.runtime.RuntimeOnlyNode;

/**
 * A node whose broker is away — it starts anyway, by design — must not flood its log. Kafka 4.2's admin clients (the
 * one creating the topics, the health check's) try to bootstrap again in a tight loop and log each attempt at INFO:
 * some 370 lines a second on a local network's node, burying everything else and filling disks.
 */
@ExtendWith(OutputCaptureExtension.class)
class NodeLogsWithoutBrokerTest {

    @Test
    void aBrokerThatIsAwayIsNotAnInfoLineForEveryAttemptToReachIt(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> settings = RuntimeOnlyNode.NodeFiles.writeTo(Files.createTempDirectory("node-logs-no-broker"))
                .settings("127.0.0.1:" + closedPort);
        int before = output.getOut().length();
        try (ConfigurableApplicationContext node = RuntimeOnlyNode.start(settings)) {
            node.getBean(KafkaHealthIndicator.class).health(); // the health check's admin client tries too
            Thread.sleep(5_000); // the node runs without its broker for a while, as it may for hours
        }
        List<String> lines = output.getOut().substring(before).lines().toList();

        // (producer and consumer try again after a back-off, a line a second at most: those may stay)
        assertThat(lines).as("the admin clients' attempts to reach the broker")
                .noneMatch(line -> line.contains("[AdminClient clientId=") && line.contains("Rebootstrapping with"));
        // the broker being away is still in the log, as Kafka's warnings
        assertThat(lines).anyMatch(line -> line.contains("\"WARN\"") && line.contains("could not be established"));
    }
}
