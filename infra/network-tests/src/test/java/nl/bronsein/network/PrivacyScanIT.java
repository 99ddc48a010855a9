package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import nl.bronsein.schemas.NotificationCodec;

/**
 * After every test of the module — both runs, on H2 and on PostgreSQL — no personal value of any test citizen appears
 * in anything the networks left behind: the nodes' logs at DEBUG, their HTTP access logs of both doors, and every
 * record of every topic ({@link SuiteLogs}); and no notification carries a status or names another participant than
 * its source ({@link NotificationMetadataScan}). Runs in the build's integration-test phase (failsafe), so it sees the
 * whole build's output; it prints what it read, network by network.
 */
class PrivacyScanIT {

    @Test
    void noPersonalValueOfAnyTestCitizenAppearsInAnyLogAccessLogOrTopic() throws IOException {
        Path root = SuiteLogs.root();
        List<Path> networks = networks(root);
        assumeTrue(!networks.isEmpty(), "no network test ran in this build: nothing under " + root);

        // The hostile-input suite sends personal-looking values in request lines on purpose; an access log records what
        // a caller sent, so those access logs hold them by design. That suite's node logs and topics are scanned.
        PersonalDataScan.Report report = new PersonalDataScan(TestCitizens.personalValues()).scan(root,
                file -> !(file.toString().contains("HostileHttpInputTest") && file.getFileName().toString().endsWith(SuiteLogs.ACCESS_LOG)));

        Map<Path, List<PersonalDataScan.ScannedFile>> byNetwork = report.files().stream()
                .collect(Collectors.groupingBy(f -> f.file().getParent(), TreeMap::new, Collectors.toList()));
        byNetwork.forEach((network, files) -> System.out.println(root.relativize(network) + ": " + files.stream()
                .map(f -> f.file().getFileName() + " " + f.bytes() + " bytes/" + f.lines() + " lines")
                .collect(Collectors.joining(", "))));
        System.out.println(report.summary() + " (" + report.lines(SuiteLogs.TOPIC_DUMP) + " topic records, "
                + report.lines(SuiteLogs.ACCESS_LOG) + " HTTP requests)");

        for (Path network : networks) {
            // what the scan must have seen, or it proves nothing about that network
            assertThat(network.resolve(SuiteLogs.NODE_LOG)).as(network + ": node log").isNotEmptyFile();
            assertThat(network.resolve(SuiteLogs.TOPIC_DUMP)).as(network + ": topic dump").exists();
            assertThat(Files.readAllLines(network.resolve(SuiteLogs.TOPIC_DUMP))).as(network + ": topic dump")
                    .noneMatch(line -> line.startsWith("{\"error\""));
            try (Stream<Path> files = Files.list(network)) {
                assertThat(files.map(f -> f.getFileName().toString())).as(network + ": access logs")
                        .anyMatch(name -> name.endsWith(SuiteLogs.ACCESS_LOG));
            }
        }
        assertThat(report.lines(SuiteLogs.TOPIC_DUMP)).as("topic records over the whole suite").isPositive();
        assertThat(report.findings()).as(report.summary()).isEmpty();
    }

    @Test
    void noNotificationOfAnyNetworkCarriesAStatusOrAnotherParticipantThanItsSource() {
        Path root = SuiteLogs.root();
        assumeTrue(!networks(root).isEmpty(), "no network test ran in this build: nothing under " + root);

        NotificationMetadataScan.Report report = new NotificationMetadataScan(new NotificationCodec()).scan(root);

        System.out.println("notification metadata scan of " + root + ": " + report.notifications() + " notifications, "
                + report.findings().size() + " findings");
        assertThat(report.notifications()).as("notifications over the whole suite").isPositive();
        assertThat(report.findings()).isEmpty();
    }

    /** The directories of the networks: {@code <root>/<test class>/<database>-<n>}. */
    private static List<Path> networks(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root, 2)) {
            return paths.filter(p -> p.getNameCount() == root.getNameCount() + 2 && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
