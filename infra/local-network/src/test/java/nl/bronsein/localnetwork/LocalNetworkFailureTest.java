package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher does when it cannot start: a clear message, the node's log, nothing left running. */
class LocalNetworkFailureTest {

    @TempDir
    Path dir;

    @Test
    void aNodeThatExitsWhileStartingStopsEverythingAndShowsItsLog() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        Files.writeString(nodes.resolve("node-gp.jar"), "not a jar");
        Files.writeString(nodes.resolve("node-municipality.jar"), "not a jar either");
        Files.writeString(nodes.resolve("node-provider.jar"), "nor this");
        FakeNode.writeJar(nodes.resolve(IdentityProviderProcess.JAR));
        int[] ports = freePorts(8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = LocalNetworkMain.run(new String[] {"--data-dir", dir.resolve("data").toString(),
                "--nodes-dir", nodes.toString(), "--kafka-port", "" + ports[0], "--gp-port", "" + ports[1],
                "--gp-staff-port", "" + ports[2], "--municipality-port", "" + ports[3],
                "--municipality-staff-port", "" + ports[4], "--provider-port", "" + ports[5],
                "--provider-staff-port", "" + ports[6], "--idp-port", "" + ports[7], "--startup-timeout", "60"},
                CommandLineTest.print(out), CommandLineTest.print(err));

        assertThat(code).isEqualTo(1);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr).startsWith("local-network: the GP practice node exited with code 1 while starting")
                .contains("---- last 30 lines of " + dir.resolve("data/logs/gp.log"))
                .contains("Invalid or corrupt jarfile")
                .doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the Kafka broker stopped",
                "the identity provider stopped").endsWith("stopped\n");
        assertThat(LocalNetwork.awaitPortsFree(List.of(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5],
                ports[6], ports[7]), Duration.ofSeconds(10))).isTrue();
        assertThat(ProcessHandle.current().descendants()).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aNodeThatDiesIsRestartedWhileTheOthersKeepRunning() throws Exception {
        diesWhileRunning("node-municipality.jar", "the municipality node", LocalNetwork.MAX_RESTARTS);
    }

    @Test
    void aBrokerThatDiesIsRestartedWhileTheNodesKeepRunning() throws Exception {
        // Restarted once, not until the launcher gives up: how often a child may die is the node's test, and the same
        // code for every child; each start of a real broker took some 12 s of the suite's time.
        diesWhileRunning(BrokerProcess.TAG, "the Kafka broker", 1);
    }

    /**
     * Starts the network (a real broker, stand-in nodes that answer their health check) and kills the child process
     * whose command line contains {@code commandPart} with SIGKILL, {@code kills} times: the launcher says which one died
     * and how, starts it again and leaves the others running. Then the municipality node is killed until the launcher
     * gives up on it (once more than it restarts it): it stops everything, says "stopped" and exits 1.
     */
    private void diesWhileRunning(String commandPart, String label, int kills) throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        for (Participants.Participant participant : Participants.ALL) {
            FakeNode.writeJar(nodes.resolve(participant.nodeJar()));
        }
        FakeNode.writeJar(nodes.resolve(IdentityProviderProcess.JAR));
        int[] ports = freePorts(8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--data-dir", dir.resolve("data").toString(), "--nodes-dir", nodes.toString(),
                "--kafka-port", "" + ports[0], "--gp-port", "" + ports[1], "--gp-staff-port", "" + ports[2],
                "--municipality-port", "" + ports[3], "--municipality-staff-port", "" + ports[4],
                "--provider-port", "" + ports[5], "--provider-staff-port", "" + ports[6], "--idp-port", "" + ports[7],
                "--startup-timeout", "60"};
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> LocalNetworkMain.run(args,
                CommandLineTest.print(out), CommandLineTest.print(err)));
        awaitOutput(out, err, code, LocalNetworkMain.READY_LAST_LINE, 1);
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        assertThat(children).as("the broker, the identity provider and three nodes").hasSize(5);

        for (int restart = 1; restart <= kills; restart++) {
            killAndAwaitRestart(commandPart, label, restart, out, err, code);
        }
        String municipality = "node-municipality.jar";
        String municipalityLabel = "the municipality node";
        int municipalityKills = commandPart.equals(municipality) ? kills : 0;
        for (int restart = municipalityKills + 1; restart <= LocalNetwork.MAX_RESTARTS; restart++) {
            killAndAwaitRestart(municipality, municipalityLabel, restart, out, err, code);
        }
        assertThat(code).isNotDone();

        List<ProcessHandle> running = ProcessHandle.current().descendants().toList();
        child(municipality).destroyForcibly();
        assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("local-network: " + municipalityLabel + " exited"
                + " unexpectedly with code 137 (killed by signal 9, SIGKILL), after 3 restarts within 10 minutes;"
                + " stopping the network (its log: ");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("  " + municipalityLabel + " had already exited with"
                + " code 137").endsWith("\nstopped\n");
        assertThat(running).noneMatch(ProcessHandle::isAlive);
        assertThat(LocalNetwork.awaitPortsFree(List.of(ports[0], ports[2], ports[4], ports[6], ports[7]),
                Duration.ofSeconds(10))).isTrue();
    }

    /** Kills the child whose command line contains {@code commandPart}; it is started again, the others keep running. */
    private static void killAndAwaitRestart(String commandPart, String label, int restart, ByteArrayOutputStream out,
                                            ByteArrayOutputStream err, CompletableFuture<Integer> code) throws Exception {
        ProcessHandle victim = child(commandPart);
        List<ProcessHandle> others = ProcessHandle.current().descendants().filter(child -> !child.equals(victim))
                .toList();
        victim.destroyForcibly();
        awaitOutput(out, err, code, "  " + label + " is up again", restart);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("local-network: " + label + " exited"
                + " unexpectedly with code 137 (killed by signal 9, SIGKILL); restarting it (its log: ");
        assertThat(others).as("the others keep running").allMatch(ProcessHandle::isAlive);
        assertThat(child(commandPart).pid()).as("a new process").isNotEqualTo(victim.pid());
    }

    /** The one child process of this JVM whose command line contains {@code commandPart}. */
    private static ProcessHandle child(String commandPart) {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        List<ProcessHandle> matching = children.stream()
                .filter(child -> child.info().commandLine().orElse("").contains(commandPart)).toList();
        assertThat(matching).as("the process with %s among %s", commandPart, children).hasSize(1);
        return matching.get(0);
    }

    /** Waits until {@code out} holds {@code text} {@code times} times, while the launcher runs. */
    private static void awaitOutput(ByteArrayOutputStream out, ByteArrayOutputStream err, CompletableFuture<Integer> code,
                                    String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (out.toString(StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
            assertThat(code).as("the launcher ended while waiting for '%s': %s%s", text, out, err).isNotDone();
            assertThat(System.nanoTime()).as("'%s' within 90 s: %s%s", text, out, err).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aPortInUseIsReportedBeforeAnythingStarts() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        Files.writeString(nodes.resolve("node-gp.jar"), "x");
        Files.writeString(nodes.resolve("node-municipality.jar"), "x");
        Files.writeString(nodes.resolve("node-provider.jar"), "x");
        Files.writeString(nodes.resolve(IdentityProviderProcess.JAR), "x");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = LocalNetworkMain.run(new String[] {"--data-dir", dir.resolve("data").toString(),
                    "--nodes-dir", nodes.toString(), "--gp-staff-port", "" + busy.getLocalPort()},
                    CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("local-network: port " + busy.getLocalPort()
                    + " (--gp-staff-port) is already in use; is a network already running? Stop it, or choose another"
                    + " port with --gp-staff-port" + System.lineSeparator());
        }
        assertThat(dir.resolve("data/pki")).doesNotExist();
    }

    @Test
    void oneDataDirectoryServesOneNetworkAtATime() throws Exception {
        Path nodes = Files.createDirectories(dir.resolve("nodes"));
        Files.writeString(nodes.resolve("node-gp.jar"), "x");
        Files.writeString(nodes.resolve("node-municipality.jar"), "x");
        Files.writeString(nodes.resolve("node-provider.jar"), "x");
        Files.writeString(nodes.resolve(IdentityProviderProcess.JAR), "x");
        Path data = Files.createDirectories(dir.resolve("data"));
        // the lock is held by another process, as by a running launcher (within one JVM tryLock would throw instead)
        Process holder = new ProcessBuilder(NodeProcess.javaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), data.resolve(".lock").toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("locked");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int[] ports = freePorts(8);
            int code = LocalNetworkMain.run(new String[] {"--data-dir", data.toString(), "--nodes-dir",
                    nodes.toString(), "--kafka-port", "" + ports[0], "--gp-port", "" + ports[1],
                    "--gp-staff-port", "" + ports[2], "--municipality-port", "" + ports[3],
                    "--municipality-staff-port", "" + ports[4], "--provider-port", "" + ports[5],
                    "--provider-staff-port", "" + ports[6], "--idp-port", "" + ports[7]},
                    CommandLineTest.print(new ByteArrayOutputStream()), CommandLineTest.print(err));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("local-network: another local network is"
                    + " already running on " + data);
            assertThat(data.resolve("pki")).doesNotExist();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Holds a lock on the file named by its argument until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (var channel = java.nio.channels.FileChannel.open(Path.of(args[0]),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                System.out.print("locked");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }

    /**
     * Distinct ports nothing listens on, below Linux's ephemeral range (32768–60999), so that none of them is taken as
     * the local end of an outgoing connection before the node or broker binds it.
     */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0, attempts = 0; i < count; attempts++) {
                if (attempts > 1_000) {
                    throw new IOException("no " + count + " free ports between 20000 and 32767");
                }
                int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_768);
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(false);
                try {
                    socket.bind(new InetSocketAddress(port));
                } catch (IOException taken) {
                    socket.close();
                    continue;
                }
                sockets.add(socket);
                ports[i++] = port;
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
