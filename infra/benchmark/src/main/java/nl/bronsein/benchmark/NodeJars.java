package nl.bronsein.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a node's executable jar is: {@code <module>/target/<module>-<version>-exec.jar} of the checkout the benchmark
 * runs in — the jar the local network and a deployment run, built by {@code ./benchmark} with the benchmark's own. The
 * checkout is {@code -Dbronsein.benchmark.root} (set by the script), or else found from the benchmark's jar
 * ({@code infra/benchmark/target/benchmark.jar}).
 */
final class NodeJars {

    private NodeJars() {
    }

    static Path of(Member m) {
        String module = switch (m) {
            case GP -> "node-gp";
            case MUNICIPALITY, OTHER_MUNICIPALITY -> "node-municipality";
        };
        Path target = root().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().startsWith(module + "-")
                    && f.getFileName().toString().endsWith("-exec.jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("no executable jar of " + module + " in " + target
                        + "; build it with ./mvnw -DskipTests package -pl infra/benchmark -am (BENCHMARK_BUILD=1 ./benchmark)");
            }
            return jars.get(jars.size() - 1).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        String root = System.getProperty("bronsein.benchmark.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root);
        }
        Path jar = Path.of(System.getProperty("java.class.path", "")).toAbsolutePath();
        // infra/benchmark/target/benchmark.jar → the checkout
        Path checkout = jar.getParent() == null ? null : jar.getParent().getParent();
        checkout = checkout == null ? null : checkout.getParent();
        checkout = checkout == null ? null : checkout.getParent();
        if (checkout == null) {
            throw new IllegalStateException("cannot tell where the node jars are; set -Dbronsein.benchmark.root");
        }
        return checkout;
    }
}
