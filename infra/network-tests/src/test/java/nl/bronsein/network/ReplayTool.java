package nl.bronsein.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the replay tool as its users do: {@code java -jar infra/replay/target/replay.jar …}, built earlier in the reactor. */
final class ReplayTool {

    private ReplayTool() {
    }

    /** Runs the tool; fails the test with its output unless it exits 0. Returns the output. */
    static String runOk(String... args) throws Exception {
        Path jar = Path.of("..", "replay", "target", "replay.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the replay tool is built before the network tests").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("replay " + String.join(" ", args) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("replay " + String.join(" ", args) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }

    /** The arguments of one command: its name, the connection to a broker, then its own options. */
    static String[] command(String name, String[] connection, String... options) {
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(List.of(connection));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    static int run(String... args) throws Exception {
        runOk(args);
        return 0;
    }
}
