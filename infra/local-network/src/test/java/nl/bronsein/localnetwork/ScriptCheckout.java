package nl.bronsein.localnetwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code ./network} script in a directory laid out as a checkout — {@code network}, {@code mvnw},
 * {@code infra/local-network/target/local-network.jar} and {@code target/nodes/*.jar} copied from the build — so that a
 * test runs the script itself, as a user does, without a Maven build inside the Maven build.
 *
 * <p>Its {@code mvnw} does to the jars what a build does to them, which is what broke a running network: it rewrites
 * every jar in place (truncate and write, as Maven's jar and repackage steps do), and the new jar has its entries at
 * other offsets — each build alternately adds and removes a short prefix, which {@code java -jar} and Spring Boot's
 * loader accept, as in Spring Boot's fully executable jars. It counts its runs in {@code builds.log}.
 */
record ScriptCheckout(Path root, Path tmp) {

    private static final String FAKE_MVNW = """
            #!/usr/bin/env bash
            # Stands in for the Maven wrapper in a test: rewrites the jars in place, their entries at other offsets.
            set -euo pipefail
            cd "$(dirname "$0")"
            echo "$*" >> builds.log
            prefix=$'#!/bin/sh\\n# rebuilt\\n'
            for jar in infra/local-network/target/local-network.jar infra/local-network/target/nodes/*.jar; do
              if [[ "$(head -c ${#prefix} "$jar")" == "$prefix" ]]; then
                tail -c +$(( ${#prefix} + 1 )) "$jar" > "$jar.new"
              else
                { printf '%s' "$prefix"; cat "$jar"; } > "$jar.new"
              fi
              cat "$jar.new" > "$jar"
              rm "$jar.new"
            done
            """;

    /** Lays out {@code root} from the module's {@code target} directory and the repository's script. */
    static ScriptCheckout prepare(Path target, Path root, Path tmp) throws IOException {
        Path repository = target.toAbsolutePath().getParent().getParent().getParent();
        Path script = repository.resolve("network");
        assertThat(script).as("the repository's ./network").isRegularFile();
        Path jars = Files.createDirectories(root.resolve("infra/local-network/target/nodes"));
        Files.copy(script, root.resolve("network"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(target.resolve("local-network.jar"), jars.getParent().resolve("local-network.jar"));
        for (Participants.Participant participant : Participants.ALL) {
            Files.copy(target.resolve("nodes").resolve(participant.nodeJar()), jars.resolve(participant.nodeJar()));
        }
        Files.copy(target.resolve("nodes").resolve(IdentityProviderProcess.JAR),
                jars.resolve(IdentityProviderProcess.JAR));
        Path mvnw = root.resolve("mvnw");
        Files.writeString(mvnw, FAKE_MVNW, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tmp);
        return new ScriptCheckout(root, tmp);
    }

    /** {@code bash <root>/network args...}. */
    List<String> network(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("network").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The script's environment: the JDK running this test, its run copies in this test's directory. */
    Map<String, String> environment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "TMPDIR", tmp.toString());
    }

    /** Rebuilds as a developer's {@code ./mvnw install} would, while a network may run. */
    void build() throws IOException, InterruptedException {
        Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "install").inheritIO().start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).isZero();
    }

    /** How often the build ran. */
    long builds() throws IOException {
        Path log = root.resolve("builds.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }
}
