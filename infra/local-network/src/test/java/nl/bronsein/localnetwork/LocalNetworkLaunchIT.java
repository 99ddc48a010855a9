package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Launches the packaged launcher ({@code target/local-network.jar}, as {@code ./network} does) with the node jars in
 * {@code target/nodes}: a real broker and two real node processes. Runs the demo against it, stops it with SIGTERM and
 * checks that everything is gone; then starts it again on the same data directory and checks that it goes on with the
 * same certificates and the recorded referral. Runs in {@code verify} (failsafe), after {@code package}.
 */
class LocalNetworkLaunchIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void launchesTheNetworkRunsTheDemoAndStopsCleanly() throws Exception {
        assertThat(TARGET.resolve("local-network.jar")).as("run after package").isRegularFile();
        assertThat(TARGET.resolve("nodes/node-gp.jar")).isRegularFile();
        assertThat(TARGET.resolve("nodes/node-municipality.jar")).isRegularFile();
        int[] ports = LocalNetworkFailureTest.freePorts(5);
        int kafka = ports[0];
        int gpPort = ports[1];
        int gpStaff = ports[2];
        int municipalityPort = ports[3];
        int municipalityStaff = ports[4];
        Path data = dir.resolve("network");
        List<String> command = List.of(NodeProcess.javaExecutable().toString(), "-jar",
                TARGET.resolve("local-network.jar").toString(), "--data-dir", data.toString(),
                "--kafka-port", "" + kafka, "--gp-port", "" + gpPort, "--gp-staff-port", "" + gpStaff,
                "--municipality-port", "" + municipalityPort, "--municipality-staff-port", "" + municipalityStaff,
                "--startup-timeout", "" + READY_TIMEOUT.toSeconds());
        URI gp = URI.create("http://127.0.0.1:" + gpStaff);
        URI municipality = URI.create("http://127.0.0.1:" + municipalityStaff);
        List<Integer> allPorts = List.of(kafka, gpPort, gpStaff, municipalityPort, municipalityStaff);

        // first start: everything new
        Launcher first = Launcher.start(command, dir.resolve("launcher-1.out"));
        Demo.Result result;
        double firstStartup;
        try {
            firstStartup = first.awaitReady();
            assertThat(first.output()).contains("(new)", "127.0.0.1:" + kafka, gp + "/api/v1/referrals",
                    municipality + "/api/v1/cases", data.resolve("logs").toString(), "curl -s -X POST",
                    "/pick-up");
            JsonNode list = json.readTree(Files.readString(data.resolve("participants.json")));
            assertThat(list.path("participants").get(0).path("nodeUrl").asString())
                    .isEqualTo("https://localhost:" + gpPort);
            assertThat(list.path("participants").get(1).path("nodeUrl").asString())
                    .isEqualTo("https://localhost:" + municipalityPort);

            ByteArrayOutputStream demoOutput = new ByteArrayOutputStream();
            result = new Demo(gp, municipality, CommandLineTest.print(demoOutput)).run();
            System.out.println(demoOutput.toString(StandardCharsets.UTF_8));
            assertThat(Demo.milestoneTime(result.gpReferral(), "ARRIVED")).isNotNull();
            assertThat(Demo.milestoneTime(result.gpReferral(), "PICKED_UP")).isNotNull();
            assertThat(result.gpReferral().path("progress").path("handledIn").path("objectId").asString())
                    .isEqualTo(result.caseId());
            assertThat(result.gpReferral().path("progress").path("contactPoint").path("name").asString())
                    .isEqualTo("Wijkteam Zwolle-Zuid");

            first.stopAndCheck();
        } finally {
            first.kill();
        }
        assertThat(LocalNetwork.awaitPortsFree(allPorts, Duration.ofSeconds(20))).as("ports free after stop: %s",
                allPorts).isTrue();
        String fingerprints = Files.readString(data.resolve("participants.json"));

        // second start: same certificates, broker data and databases
        Launcher second = Launcher.start(command, dir.resolve("launcher-2.out"));
        double secondStartup;
        try {
            secondStartup = second.awaitReady();
            assertThat(second.output()).contains("(reused)").doesNotContain("(new)");
            assertThat(Files.readString(data.resolve("participants.json"))).isEqualTo(fingerprints);
            JsonNode referral = null;
            for (JsonNode r : getJson(gp.resolve("/api/v1/referrals"))) {
                if (result.referralId().equals(r.path("id").asString())) {
                    referral = r;
                }
            }
            assertThat(referral).as("the referral recorded before the restart").isNotNull();
            assertThat(Demo.milestoneTime(referral, "PICKED_UP")).isNotNull();
            boolean caseKept = false;
            for (JsonNode c : getJson(municipality.resolve("/api/v1/cases"))) {
                caseKept |= result.caseId().equals(c.path("id").asString());
            }
            assertThat(caseKept).as("the municipality's case survives the restart").isTrue();
            second.stopAndCheck();
        } finally {
            second.kill();
        }
        assertThat(LocalNetwork.awaitPortsFree(allPorts, Duration.ofSeconds(20))).isTrue();

        String timing = String.format(Locale.ROOT, "LocalNetworkLaunchIT: first start (new PKI, new broker, new"
                + " databases) %.1f s, second start (all reused) %.1f s, on %d processors%n", firstStartup,
                secondStartup, Runtime.getRuntime().availableProcessors());
        System.out.print(timing);
        Files.writeString(TARGET.resolve("local-network-launch-it.txt"), timing, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The launcher as a child process, its output collected (and copied to a file for a failed build). */
    private static final class Launcher {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final long startedAt;
        private final Thread reader;

        private Launcher(Process process, Path copy) {
            this.process = process;
            this.startedAt = System.nanoTime();
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        output.append(line).append('\n');
                        Files.writeString(copy, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Launcher start(List<String> command, Path copy) throws IOException {
            return new Launcher(new ProcessBuilder(command).redirectErrorStream(true).start(), copy);
        }

        String output() {
            return output.toString();
        }

        /** Waits for the ready line; returns seconds since the launcher process was started. */
        double awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + READY_TIMEOUT.plusSeconds(30).toNanos();
            while (!output().contains(LocalNetworkMain.READY_LAST_LINE)) {
                if (!process.isAlive()) {
                    reader.join(2_000);
                    throw new AssertionError("the launcher exited with " + process.exitValue()
                            + " before the network was up:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the network was not up within " + READY_TIMEOUT + ":\n" + output());
                }
                Thread.sleep(100);
            }
            return (System.nanoTime() - startedAt) / 1e9;
        }

        /** SIGTERM, as Ctrl-C would; the launcher must stop its nodes and broker and say "stopped". */
        void stopAndCheck() throws InterruptedException {
            List<ProcessHandle> nodes = process.descendants().toList();
            assertThat(nodes).as("node processes").hasSize(2);
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output pipe
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher stopped within 60 s").isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(output()).contains("the GP practice node stopped", "the municipality node stopped",
                    "the Kafka broker stopped", "\nstopped\n");
            assertThat(nodes).noneMatch(ProcessHandle::isAlive);
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
